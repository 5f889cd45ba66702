import Link from "next/link";
import type { BookingPrefill } from "@/lib/booking-links";
import type { PartnerLinks } from "@/lib/booking-page";

const BUTTON =
  "min-h-11 rounded px-4 py-2 font-semibold focus:ring-2 focus:ring-blue-500 focus:outline-none";

/**
 * Step 1 of the booking page: the partners chosen so far and the partner search, a GET form that
 * carries the slot and the chosen partners, so partners are picked without JavaScript.
 */
export function PartnerPicker({
  clubSlug,
  slot,
  playerCounts,
  q,
  links,
  search,
}: {
  clubSlug: string;
  slot: BookingPrefill;
  /** "2 or 4". */
  playerCounts: string;
  q: string | undefined;
  links: PartnerLinks;
  /** The search done, its error, or null when there was none. */
  search: { q: string; error: string | null } | null;
}) {
  return (
    <section aria-labelledby="partners-heading" className="mt-6">
      <h2 id="partners-heading" className="text-xl font-semibold">
        1. Who plays with you?
      </h2>
      <p className="mt-1">
        This court is booked for {playerCounts} players: you, plus partners from the club and
        guests.
      </p>
      {links.chosen.length ? (
        <ul aria-label="Partners you chose" className="mt-2 flex flex-col gap-1">
          {links.chosen.map((p) => (
            <li key={p.userId} className="flex flex-wrap items-center gap-3">
              <span className="font-medium">{p.name}</span>
              <Link href={p.removeHref} className="text-blue-800 underline">
                Remove<span className="sr-only"> {p.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-slate-700">No partner chosen yet.</p>
      )}
      <form
        method="get"
        action={`/c/${clubSlug}/book`}
        role="search"
        aria-label="Find a partner"
        className="mt-3 flex flex-wrap items-end gap-2"
      >
        <input type="hidden" name="court" value={slot.courtId} />
        <input type="hidden" name="start" value={slot.startsAt.toISOString()} />
        <input type="hidden" name="duration" value={slot.durationMinutes} />
        {links.chosen.map((p) => (
          <input key={p.userId} type="hidden" name="partner" value={p.userId} />
        ))}
        <div className="flex flex-col">
          <label htmlFor="partner-q" className="font-medium">
            Find a club member by name
          </label>
          <input
            id="partner-q"
            name="q"
            type="search"
            defaultValue={q}
            minLength={2}
            maxLength={60}
            autoComplete="off"
            aria-describedby={search?.error ? "partner-q-error" : undefined}
            aria-invalid={search?.error ? true : undefined}
            className="min-h-11 rounded border border-slate-500 bg-white px-2"
          />
        </div>
        <button
          type="submit"
          className={`${BUTTON} border border-slate-500 bg-white hover:bg-slate-100`}
        >
          Search
        </button>
      </form>
      {search?.error ? (
        <p id="partner-q-error" className="mt-1 text-sm font-medium text-red-700">
          {search.error}
        </p>
      ) : null}
      {search && !search.error ? <PartnerResults q={search.q} found={links.found} /> : null}
    </section>
  );
}

function PartnerResults({ q, found }: { q: string; found: PartnerLinks["found"] }) {
  return (
    <div className="mt-3" data-testid="partner-results">
      <h3 className="font-medium" id="partner-results-heading">
        {found.length ? `Members matching “${q}”` : `No member matches “${q}”.`}
      </h3>
      {found.length ? (
        <ul aria-labelledby="partner-results-heading" className="mt-1 flex flex-col gap-1">
          {found.map((m) => (
            <li key={m.userId} className="flex flex-wrap items-center gap-3">
              <span>{m.name}</span>
              {m.addHref ? (
                <Link href={m.addHref} className="text-blue-800 underline">
                  Add<span className="sr-only"> {m.name} as a partner</span>
                </Link>
              ) : (
                <span className="text-sm text-slate-700">(chosen)</span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
