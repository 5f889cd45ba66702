import type { TierScreenForms } from "@/components/admin/tiers/tiers-section";
import { ActionForm, Field } from "@/components/forms/action-form";
import { sportLabel } from "@/lib/court-labels";

/** Booking durations and player counts of each sport the club's courts use. */
export function SportRulesSection({
  sports,
  hidden,
  actions,
}: TierScreenForms<"save"> & {
  sports: ReadonlyArray<{
    sport: string;
    configured: boolean;
    allowedDurations: ReadonlyArray<number>;
    allowedPlayerCounts: ReadonlyArray<number>;
  }>;
}) {
  return (
    <section aria-labelledby="sports" className="mt-8">
      <h2 id="sports" className="text-xl font-semibold">
        Sports: durations and players
      </h2>
      {sports.map((s) => (
        <div key={s.sport} className="mt-3 rounded border border-slate-300 bg-white p-4">
          <h3 className="font-semibold">
            {sportLabel(s.sport)}
            {s.configured ? "" : " (defaults)"}
          </h3>
          <ActionForm
            compact
            messageAfter
            action={actions.save}
            submitLabel={`Save ${sportLabel(s.sport)} rules`}
            hidden={{ ...hidden, sport: s.sport }}
            label={`${sportLabel(s.sport)} rules`}
          >
            <Field
              name="allowedDurations"
              label="Booking durations (minutes)"
              hint="Comma-separated, e.g. 60, 90"
              defaultValue={s.allowedDurations.join(", ")}
              idSuffix={s.sport}
            />
            <Field
              name="allowedPlayerCounts"
              label="Players on court (booker included)"
              hint="e.g. 2, 4"
              defaultValue={s.allowedPlayerCounts.join(", ")}
              idSuffix={s.sport}
            />
          </ActionForm>
        </div>
      ))}
    </section>
  );
}
