"use client";

import {
  BoundForm,
  FormMessage,
  SubmitButton,
  useFormAction,
  type StateAction,
} from "@/components/forms/action-form";
import type { ImportFormState } from "@/lib/member-import";

type ImportAction = StateAction<ImportFormState>;

const START: ImportFormState = { status: "idle" };

/**
 * Members import: choose or paste a CSV, see every row with its problems, then confirm. Nothing
 * is written before the confirmation, and then all rows or none (the server checks again).
 */
export function MemberImportForm({
  club,
  previewAction,
  confirmAction,
}: {
  club: string;
  previewAction: ImportAction;
  confirmAction: ImportAction;
}) {
  const check = useFormAction(previewAction, START);
  const confirm = useFormAction(confirmAction, START);
  const preview = check.state;
  const result = confirm.state;
  const rows = preview.preview?.rows ?? [];
  const showConfirm = preview.status === "preview" && result.status !== "success";
  return (
    <div>
      <FormMessage state={result} />
      <BoundForm bound={check} hidden={{ club }} label="Check a members file">
        <p className="mt-2 text-sm text-slate-700">
          Columns: <code>name, email, tier, role, valid until</code> (first line). Role is player,
          staff, manager or owner; valid until is a date like 2027-06-30. Each row gets an
          invitation by email.
        </p>
        <div className="mt-3">
          <label htmlFor="import-file" className="block font-medium">
            CSV file
          </label>
          <input id="import-file" name="file" type="file" accept=".csv,text/csv" className="mt-1" />
        </div>
        <div className="mt-3">
          <label htmlFor="import-csv" className="block font-medium">
            Or paste the CSV text
          </label>
          <textarea
            id="import-csv"
            name="csv"
            rows={5}
            defaultValue={preview.csv ?? ""}
            className="mt-1 block w-full rounded border border-slate-400 px-3 py-2 font-mono text-sm"
          />
        </div>
        <SubmitButton variant="secondary" className="mt-3 min-h-11">
          Check the file
        </SubmitButton>
      </BoundForm>
      {preview.message ? (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {preview.message}
        </p>
      ) : null}
      {rows.length ? (
        <table className="mt-4 w-full border-collapse text-sm">
          <caption className="text-left font-semibold">Preview ({rows.length} rows)</caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col">Line</th>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Tier</th>
              <th scope="col">Role</th>
              <th scope="col">Valid until</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.line} className={`border-b ${r.errors.length ? "bg-red-50" : ""}`}>
                <td>{r.line}</td>
                <td>{r.name}</td>
                <td>{r.email}</td>
                <td>{r.tierName ?? "—"}</td>
                <td>{r.role.toLowerCase()}</td>
                <td>{r.validUntil ?? "—"}</td>
                <td>
                  {r.errors.length ? (
                    <ul className="text-red-800">
                      {r.errors.map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  ) : (
                    "OK"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {showConfirm ? (
        <BoundForm
          bound={confirm}
          hidden={{ club, csv: preview.csv ?? "" }}
          label="Confirm the import"
        >
          <SubmitButton className="mt-4 min-h-11">Invite these {rows.length} members</SubmitButton>
        </BoundForm>
      ) : null}
    </div>
  );
}
