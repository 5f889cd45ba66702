"use client";

import { useActionState } from "react";
import type { ImportFormState } from "@/lib/member-import";

type ImportAction = (state: ImportFormState, formData: FormData) => Promise<ImportFormState>;

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
  const [preview, previewFormAction, previewing] = useActionState(previewAction, START);
  const [result, confirmFormAction, confirming] = useActionState(confirmAction, START);
  const rows = preview.preview?.rows ?? [];
  const showConfirm = preview.status === "preview" && result.status !== "success";
  return (
    <div>
      {result.message ? (
        <div
          role={result.status === "error" ? "alert" : "status"}
          className={`mt-4 rounded border p-3 ${result.status === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-green-300 bg-green-50 text-green-900"}`}
        >
          {result.message}
        </div>
      ) : null}
      <form action={previewFormAction} aria-label="Check a members file" aria-busy={previewing}>
        <input type="hidden" name="club" value={club} />
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
        <button
          type="submit"
          disabled={previewing}
          className="mt-3 min-h-11 rounded border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100"
        >
          Check the file
        </button>
      </form>
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
        <form action={confirmFormAction} aria-label="Confirm the import" aria-busy={confirming}>
          <input type="hidden" name="club" value={club} />
          <input type="hidden" name="csv" value={preview.csv ?? ""} />
          <button
            type="submit"
            disabled={confirming}
            className="mt-4 min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
          >
            Invite these {rows.length} members
          </button>
        </form>
      ) : null}
    </div>
  );
}
