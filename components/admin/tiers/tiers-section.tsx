import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { TierFields, type TierFormValues } from "@/components/admin/tiers/tier-fields";

/** What the forms of a section of the tiers screen share: the club's hidden field, their actions. */
export type TierScreenForms<A extends string> = {
  hidden: Record<string, string>;
  actions: Record<A, FormAction>;
};

/** The club's tiers, each with the form of its rules, and the form that adds one. */
export function TiersSection({
  tiers,
  hidden,
  actions,
}: TierScreenForms<"update" | "create"> & {
  tiers: ReadonlyArray<TierFormValues & { id: string; memberCount: number }>;
}) {
  return (
    <section aria-labelledby="tiers" className="mt-6">
      <h2 id="tiers" className="text-xl font-semibold">
        Tiers
      </h2>
      {tiers.map((tier) => (
        <details key={tier.id} className="mt-3 rounded border border-slate-300 bg-white p-4">
          <summary className="cursor-pointer font-semibold">
            {tier.name} · {tier.memberCount} member(s) · books {tier.horizonDays} day(s) ahead
          </summary>
          <ActionForm
            compact
            messageAfter
            action={actions.update}
            submitLabel={`Save ${tier.name}`}
            hidden={{ ...hidden, tierId: tier.id }}
            label={`Rules of ${tier.name}`}
          >
            <TierFields tier={tier} suffix={tier.id} />
          </ActionForm>
        </details>
      ))}
      <details className="mt-3 rounded border border-slate-300 bg-white p-4">
        <summary className="cursor-pointer font-semibold">Add a tier</summary>
        <ActionForm
          compact
          messageAfter
          action={actions.create}
          submitLabel="Add tier"
          hidden={hidden}
          label="Add a tier"
        >
          <TierFields tier={null} suffix="new" />
        </ActionForm>
      </details>
    </section>
  );
}
