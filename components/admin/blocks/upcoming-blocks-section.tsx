import { AdminSection } from "@/components/admin/admin-section";
import {
  ActionForm,
  SelectField,
  SubmitButton,
  type FormAction,
} from "@/components/forms/action-form";
import {
  REMOVE_SCOPE_OPTIONS,
  removeBlockLabel,
  upcomingBlockDetails,
  type UpcomingBlock,
} from "@/lib/blocks-page";
import { BLOCK_KIND_LABELS } from "@/schemas/admin-blocks";

/** The club's upcoming blocks, each with its removal form (a weekly one by date, onwards or whole). */
export function UpcomingBlocksSection({
  blocks,
  clubSlug,
  actions,
}: {
  blocks: ReadonlyArray<UpcomingBlock & { kind: keyof typeof BLOCK_KIND_LABELS }>;
  clubSlug: string;
  actions: { remove: FormAction };
}) {
  return (
    <AdminSection id="upcoming" title="Upcoming blocks" className="mt-8">
      {blocks.length === 0 ? (
        <p className="mt-2 text-slate-700">No upcoming blocks.</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-300 bg-white">
          {blocks.map((b) => (
            <li
              key={b.id}
              className="flex flex-wrap items-end justify-between gap-3 p-3"
              data-testid="block-row"
            >
              <div>
                <p className="font-medium">
                  {b.title} · {BLOCK_KIND_LABELS[b.kind]}
                </p>
                <p className="text-sm text-slate-700">{upcomingBlockDetails(b)}</p>
              </div>
              <ActionForm
                action={actions.remove}
                label={removeBlockLabel(b)}
                className="flex items-end gap-2"
              >
                <input type="hidden" name="club" value={clubSlug} />
                <input type="hidden" name="blockId" value={b.id} />
                {b.seriesId ? (
                  <SelectField
                    name="scope"
                    label="Remove"
                    idSuffix={b.id}
                    options={REMOVE_SCOPE_OPTIONS}
                  />
                ) : (
                  <input type="hidden" name="scope" value="one" />
                )}
                <SubmitButton variant="secondary">Remove</SubmitButton>
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
    </AdminSection>
  );
}
