import type { TierScreenForms } from "@/components/admin/tiers/tiers-section";
import { ActionForm, Field, SelectField } from "@/components/forms/action-form";
import { formatMinuteOfDay } from "@/lib/time";
import { WEEKDAY_NAMES } from "@/lib/court-labels";

/** The club's peak bands (the tiers' peak-time limits apply in them), each removable, and a form to add one. */
export function PeakBandsSection({
  peakBands,
  hidden,
  actions,
}: TierScreenForms<"add" | "remove"> & {
  peakBands: ReadonlyArray<{ id: string; weekday: number; startMinute: number; endMinute: number }>;
}) {
  return (
    <section aria-labelledby="peak" className="mt-8 rounded border border-slate-300 bg-white p-4">
      <h2 id="peak" className="text-xl font-semibold">
        Peak times
      </h2>
      <p className="text-slate-700">
        Peak-time limits of the tiers apply to bookings starting in these bands.
      </p>
      <ul className="mt-2 space-y-2">
        {peakBands.map((b) => (
          <li key={b.id} className="flex flex-wrap items-center gap-3">
            <span>
              {WEEKDAY_NAMES[b.weekday - 1]} {formatMinuteOfDay(b.startMinute)}–
              {formatMinuteOfDay(b.endMinute)}
            </span>
            <ActionForm
              compact
              messageAfter
              action={actions.remove}
              submitLabel="Remove"
              hidden={{ ...hidden, peakBandId: b.id }}
              variant="secondary"
              label={`Remove ${WEEKDAY_NAMES[b.weekday - 1]} peak band`}
            />
          </li>
        ))}
      </ul>
      <ActionForm
        compact
        messageAfter
        action={actions.add}
        submitLabel="Add peak band"
        hidden={hidden}
        label="Add a peak band"
      >
        <div className="grid gap-x-4 sm:grid-cols-3">
          <SelectField
            name="weekday"
            label="Weekday"
            options={WEEKDAY_NAMES.map((n, i) => ({ value: String(i + 1), label: n }))}
          />
          <Field name="start" label="From" type="time" defaultValue="18:00" />
          <Field name="end" label="Until" hint="24:00 for midnight" defaultValue="21:00" />
        </div>
      </ActionForm>
    </section>
  );
}
