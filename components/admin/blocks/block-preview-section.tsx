import { AdminSection } from "@/components/admin/admin-section";
import { ActionForm, Field, SubmitButton, type FormAction } from "@/components/forms/action-form";
import {
  alreadyBlockedText,
  BLOCK_FIELDS,
  collidingBookingText,
  nothingToCreate,
  occurrenceIsClear,
  occurrenceWhen,
  previewHeading,
  previewSummary,
  type BlockFormValues,
  type BlockPreviewView,
} from "@/lib/blocks-page";

const COLUMNS = [
  { label: "Date", className: "py-1 pr-2" },
  { label: "Time", className: "py-1 pr-2" },
  { label: "Collides with", className: "py-1" },
];

/**
 * What creating the block would do: its occurrences with the bookings and blocks each collides
 * with, and the form confirming it (cancel the colliding bookings with a reason told to the
 * players, or skip those dates). `values` are the new-block fields as previewed, sent again.
 */
export function BlockPreviewSection({
  preview,
  values,
  clubSlug,
  actions,
}: {
  preview: BlockPreviewView;
  values: BlockFormValues;
  clubSlug: string;
  actions: { create: FormAction };
}) {
  const collisions = preview.bookingIds.length;
  return (
    <AdminSection
      id="preview"
      title={previewHeading(preview)}
      className="mt-6 rounded border border-blue-300 bg-blue-50 p-4"
    >
      <p className="mt-2">{previewSummary(preview)}</p>
      <table className="mt-3 w-full border-collapse text-left text-sm">
        <caption className="sr-only">Occurrences of the block</caption>
        <thead>
          <tr className="border-b border-slate-400">
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" className={c.className}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.occurrences.map((o) => {
            const when = occurrenceWhen(o);
            return (
              <tr key={o.startsAt} className="border-b border-slate-200 align-top">
                <td className="py-1 pr-2">{when.date}</td>
                <td className="py-1 pr-2">{when.time}</td>
                <td className="py-1">
                  {occurrenceIsClear(o) ? "—" : null}
                  <ul>
                    {o.bookings.map((b) => (
                      <li key={b.id} data-testid="colliding-booking">
                        {collidingBookingText(b)}
                      </li>
                    ))}
                    {o.blockedBy.map((t) => (
                      <li key={t}>{alreadyBlockedText(t)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {nothingToCreate(preview) ? (
        <p className="mt-3 font-medium">Every date is already blocked: nothing to create.</p>
      ) : (
        <ActionForm action={actions.create} label="Confirm the block">
          <input type="hidden" name="club" value={clubSlug} />
          {BLOCK_FIELDS.map((f) => (
            <input key={f} type="hidden" name={f} value={values[f]} />
          ))}
          <input type="hidden" name="previewed" value={preview.bookingIds.join(",")} />
          {collisions > 0 ? (
            <>
              <Field
                required
                name="reason"
                label="Reason told to the players whose bookings are cancelled"
                defaultValue={preview.title}
                maxLength={500}
              />
              <div className="flex flex-wrap gap-3">
                <SubmitButton name="onCollision" value="cancel" variant="danger">
                  Cancel these {collisions} booking(s) and create the block
                </SubmitButton>
                <SubmitButton name="onCollision" value="skip" variant="secondary">
                  Skip the colliding dates
                </SubmitButton>
              </div>
            </>
          ) : (
            <SubmitButton name="onCollision" value="none">
              Create the block
            </SubmitButton>
          )}
        </ActionForm>
      )}
    </AdminSection>
  );
}
