import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import {
  ActionForm,
  Field,
  FormMessage,
  FormStateScope,
  SelectField,
  SubmitButton,
} from "@/components/forms/action-form";
import { formatLongDate, todayIn } from "@/lib/time";
import { BLOCK_KIND_LABELS, BLOCK_KINDS } from "@/schemas/admin-blocks";
import { listBlocks } from "@/server/admin/blocks/list-blocks";
import { previewBlock, type BlockPreview } from "@/server/admin/blocks/preview-block";
import { getBookingOptions } from "@/server/admin/bookings/get-booking-options";
import { requireClubPermission } from "@/server/auth/require-user";
import { AppError } from "@/server/errors";
import { createBlockAction, deleteBlockAction } from "./actions";

export const metadata: Metadata = { title: "Blocks" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

const BLOCK_FIELDS = [
  "courtId",
  "kind",
  "title",
  "date",
  "startTime",
  "endTime",
  "repeat",
  "repeatUntil",
];

/**
 * Blocks of a club (lessons, tournaments, maintenance): STAFF and above. Creating one goes through
 * a preview (a GET of this page with the block's fields): its occurrences and the bookings they
 * collide with are listed first; the manager then cancels those bookings (the players are told the
 * reason) or skips the colliding occurrences. Works without JavaScript.
 */
export default async function BlocksPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams?: Promise<Search>;
}) {
  const { club: slug } = await params;
  const search: Search = (await searchParams) ?? {};
  const access = await requireClubPermission(slug, "manageBlocks", {
    next: `/c/${slug}/admin/blocks`,
  });
  const clubSlug = access.club.slug;
  const [options, blocks] = await Promise.all([getBookingOptions(clubSlug), listBlocks(clubSlug)]);

  const values: Record<string, string> = {};
  for (const f of BLOCK_FIELDS) values[f] = one(search[f]);
  let preview: BlockPreview | null = null;
  let errors: Record<string, string> = {};
  let problem: string | null = null;
  if (one(search.preview) === "1") {
    try {
      preview = await previewBlock(clubSlug, values);
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== "BAD_REQUEST") throw err;
      errors = err.fields;
      problem = "Please correct the fields marked below.";
    }
  }
  const today = todayIn(access.club.timeZone);
  const courtOptions = [
    { value: "all", label: "All courts" },
    ...options.courts.map((c) => ({ value: c.id, label: c.name })),
  ];
  const collisions = preview?.bookingIds.length ?? 0;
  const kept = preview ? preview.occurrences.filter((o) => o.blockedBy.length === 0) : [];

  return (
    <>
      <AdminNav slug={clubSlug} role={access.role} current="/blocks" />
      <main id="main" className="mx-auto max-w-5xl p-6">
        <h1 className="text-2xl font-bold">Blocks · {access.club.name}</h1>
        <p className="mt-2 text-slate-700">
          Lessons, tournaments and maintenance take courts out of the planning. Times are the
          club&apos;s local times ({access.club.timeZone}); a weekly block keeps its time across
          daylight-saving changes.
        </p>
        <Status search={search} />

        <section
          aria-labelledby="new-block"
          className="mt-6 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="new-block" className="text-xl font-semibold">
            New block
          </h2>
          <FormStateScope state={{ status: problem ? "error" : "idle", fields: errors }}>
            {problem ? <FormMessage state={{ status: "error", message: problem }} /> : null}
            <form method="get" aria-label="New block" className="grid gap-x-4 sm:grid-cols-2">
              <input type="hidden" name="preview" value="1" />
              <SelectField
                id="block-courtId"
                name="courtId"
                label="Court"
                options={courtOptions}
                defaultValue={values.courtId}
              />
              <SelectField
                id="block-kind"
                name="kind"
                label="Kind"
                options={BLOCK_KINDS.map((k) => ({ value: k, label: BLOCK_KIND_LABELS[k] }))}
                defaultValue={values.kind || "LESSON"}
              />
              <Field
                id="block-title"
                required
                name="title"
                label="Title (shown in the planning)"
                defaultValue={values.title}
                maxLength={120}
              />
              <Field
                id="block-date"
                required
                name="date"
                label="Date"
                type="date"
                defaultValue={values.date || today}
              />
              <Field
                id="block-startTime"
                required
                name="startTime"
                label="From"
                type="time"
                defaultValue={values.startTime || "18:00"}
              />
              <Field
                id="block-endTime"
                required
                name="endTime"
                label="Until"
                type="time"
                defaultValue={values.endTime || "19:00"}
              />
              <SelectField
                id="block-repeat"
                name="repeat"
                label="Repeat"
                options={[
                  { value: "none", label: "Once" },
                  { value: "weekly", label: "Every week on this weekday" },
                ]}
                defaultValue={values.repeat || "none"}
              />
              <Field
                id="block-repeatUntil"
                name="repeatUntil"
                label="Repeat until (weekly only)"
                type="date"
                defaultValue={values.repeatUntil}
              />
              <div className="sm:col-span-2">
                <SubmitButton>Check for collisions</SubmitButton>
              </div>
            </form>
          </FormStateScope>
        </section>

        {preview ? (
          <section
            aria-labelledby="preview"
            className="mt-6 rounded border border-blue-300 bg-blue-50 p-4"
          >
            <h2 id="preview" className="text-xl font-semibold">
              Preview: {preview.title} · {preview.courtName ?? "all courts"}
            </h2>
            <p className="mt-2">
              {preview.occurrences.length} occurrence(s).{" "}
              {collisions > 0
                ? `${collisions} booking(s) collide with this block.`
                : "No booking collides with this block."}
            </p>
            <table className="mt-3 w-full border-collapse text-left text-sm">
              <caption className="sr-only">Occurrences of the block</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-1 pr-2">
                    Date
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    Time
                  </th>
                  <th scope="col" className="py-1">
                    Collides with
                  </th>
                </tr>
              </thead>
              <tbody>
                {preview.occurrences.map((o) => (
                  <tr key={o.startsAt} className="border-b border-slate-200 align-top">
                    <td className="py-1 pr-2">{formatLongDate(o.date)}</td>
                    <td className="py-1 pr-2">
                      {o.start}–{o.end}
                    </td>
                    <td className="py-1">
                      {o.bookings.length === 0 && o.blockedBy.length === 0 ? "—" : null}
                      <ul>
                        {o.bookings.map((b) => (
                          <li key={b.id} data-testid="colliding-booking">
                            Booking {b.courtName} {b.start}–{b.end}: {b.players.join(", ")}
                          </li>
                        ))}
                        {o.blockedBy.map((t) => (
                          <li key={t}>Already blocked ({t}): this date will be skipped</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {kept.length === 0 ? (
              <p className="mt-3 font-medium">Every date is already blocked: nothing to create.</p>
            ) : (
              <ActionForm action={createBlockAction} label="Confirm the block">
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
          </section>
        ) : null}

        <section aria-labelledby="upcoming" className="mt-8">
          <h2 id="upcoming" className="text-xl font-semibold">
            Upcoming blocks
          </h2>
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
                    <p className="text-sm text-slate-700">
                      {formatLongDate(b.date)}, {b.start}–{b.end} · {b.courtName ?? "All courts"}
                      {b.seriesId ? ` · weekly (${b.remainingInSeries} to come)` : ""}
                    </p>
                  </div>
                  <ActionForm
                    action={deleteBlockAction}
                    label={`Remove ${b.title} on ${b.date}`}
                    className="flex items-end gap-2"
                  >
                    <input type="hidden" name="club" value={clubSlug} />
                    <input type="hidden" name="blockId" value={b.id} />
                    {b.seriesId ? (
                      <SelectField
                        name="scope"
                        label="Remove"
                        idSuffix={b.id}
                        options={[
                          { value: "one", label: "This date only" },
                          { value: "following", label: "This and later dates" },
                          { value: "series", label: "The whole series" },
                        ]}
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
        </section>
        <p className="mt-6">
          <Link className="text-blue-700 underline" href={`/c/${clubSlug}/planning`}>
            See the planning
          </Link>
        </p>
      </main>
    </>
  );
}

function Status({ search }: { search: Search }) {
  const created = one(search.created);
  const deleted = one(search.deleted);
  if (!created && !deleted) return null;
  const text = created
    ? `Block created: ${created} date(s)` +
      (Number(one(search.cancelled)) > 0
        ? `, ${one(search.cancelled)} booking(s) cancelled and the players told`
        : "") +
      (Number(one(search.skipped)) > 0 ? `, ${one(search.skipped)} date(s) skipped` : "") +
      "."
    : `Removed ${deleted} date(s).`;
  return (
    <p
      role="status"
      className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900"
    >
      {text}
    </p>
  );
}
