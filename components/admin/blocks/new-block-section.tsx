import { AdminSection } from "@/components/admin/admin-section";
import {
  Field,
  FormMessage,
  FormStateScope,
  SelectField,
  SubmitButton,
} from "@/components/forms/action-form";
import {
  blockCourtOptions,
  newBlockDefaults,
  REPEAT_OPTIONS,
  type BlockFormValues,
} from "@/lib/blocks-page";
import type { LocalDate } from "@/lib/time";
import { BLOCK_KIND_LABELS, BLOCK_KINDS } from "@/schemas/admin-blocks";

const KIND_OPTIONS = BLOCK_KINDS.map((k) => ({ value: k, label: BLOCK_KIND_LABELS[k] }));

/**
 * The new-block form: a GET of the page with `preview=1`, so that the block's occurrences and the
 * bookings they collide with are shown before anything is written. `problem` and `errors` are
 * those of the preview that refused the values.
 */
export function NewBlockSection({
  courts,
  values,
  today,
  errors,
  problem,
}: {
  courts: ReadonlyArray<{ id: string; name: string }>;
  /** The values of the query ("" when absent). */
  values: BlockFormValues;
  today: LocalDate;
  errors: Record<string, string>;
  problem: string | null;
}) {
  const shown = newBlockDefaults(values, today);
  return (
    <AdminSection
      id="new-block"
      title="New block"
      className="mt-6 rounded border border-slate-300 bg-white p-4"
    >
      <FormStateScope state={{ status: problem ? "error" : "idle", fields: errors }}>
        {problem ? <FormMessage state={{ status: "error", message: problem }} /> : null}
        <form method="get" aria-label="New block" className="grid gap-x-4 sm:grid-cols-2">
          <input type="hidden" name="preview" value="1" />
          <SelectField
            id="block-courtId"
            name="courtId"
            label="Court"
            options={blockCourtOptions(courts)}
            defaultValue={shown.courtId}
          />
          <SelectField
            id="block-kind"
            name="kind"
            label="Kind"
            options={KIND_OPTIONS}
            defaultValue={shown.kind}
          />
          <Field
            id="block-title"
            required
            name="title"
            label="Title (shown in the planning)"
            defaultValue={shown.title}
            maxLength={120}
          />
          <Field
            id="block-date"
            required
            name="date"
            label="Date"
            type="date"
            defaultValue={shown.date}
          />
          <Field
            id="block-startTime"
            required
            name="startTime"
            label="From"
            type="time"
            defaultValue={shown.startTime}
          />
          <Field
            id="block-endTime"
            required
            name="endTime"
            label="Until"
            type="time"
            defaultValue={shown.endTime}
          />
          <SelectField
            id="block-repeat"
            name="repeat"
            label="Repeat"
            options={REPEAT_OPTIONS}
            defaultValue={shown.repeat}
          />
          <Field
            id="block-repeatUntil"
            name="repeatUntil"
            label="Repeat until (weekly only)"
            type="date"
            defaultValue={shown.repeatUntil}
          />
          <div className="sm:col-span-2">
            <SubmitButton>Check for collisions</SubmitButton>
          </div>
        </form>
      </FormStateScope>
    </AdminSection>
  );
}
