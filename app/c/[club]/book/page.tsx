import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/forms/action-form";
import { BadRequestView } from "@/components/bad-request-view";
import { BookingForm } from "@/components/bookings/booking-form";
import { myBookingsPath, parseBookingPrefill, planningPath } from "@/lib/booking-links";
import { formatMoment } from "@/lib/booking-policy";
import { bookPagePath, formatClock, formatDay, formatDuration } from "@/lib/booking-ui";
import { requireUser } from "@/server/auth/require-user";
import { getBookingForm } from "@/server/bookings/get-booking-form";
import { leaveWaitlistAction } from "../bookings/actions";
import { bookAction, joinWaitlistAction } from "./actions";

export const metadata: Metadata = { title: "Book a court", robots: { index: false } };

type Props = {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const all = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

const button =
  "min-h-11 rounded px-4 py-2 font-semibold focus:ring-2 focus:ring-blue-500 focus:outline-none";

/**
 * The booking dialog as a page: `/c/{club}/book?court=…&start=…&duration=…`, opened from a free
 * cell of the planning grid or from the waiting-list email (through the planning page). Works
 * without JavaScript: partners are found with a GET search form and carried in the URL
 * (`partner=…`), the booking itself is a server action. A taken slot offers the waiting list;
 * a slot the player may not book says which rule stops them and when they become eligible.
 */
export default async function BookPage({ params, searchParams }: Props) {
  const { club: slug } = await params;
  const query = await searchParams;
  const self = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const x of all(v)) self.append(k, x);
  const user = await requireUser({ next: `/c/${slug}/book?${self.toString()}` });

  const slot = parseBookingPrefill(query);
  if (!slot) {
    return (
      <BadRequestView
        title="This booking link is incomplete"
        problems={["Choose a free slot on the planning to book it."]}
        back={{ href: planningPath(slug), label: "See today’s planning" }}
      />
    );
  }
  const partnerIds = all(query.partner);
  const q = typeof query.q === "string" ? query.q : undefined;
  const data = await getBookingForm(user, { club: slug, slot, partnerIds, q });
  if (!data) notFound();
  const { club, court, row, cell, partners, search, waitlist } = data;
  const zone = club.timeZone;
  const planning = planningPath(club.slug, data.date);
  const chosenIds = partners.map((p) => p.userId);
  const startIso = slot.startsAt.toISOString();
  const day = formatDay(slot.startsAt, zone);
  const time = formatClock(slot.startsAt, zone);
  const pagePath = (partnersNow: string[], keepQuery = true) =>
    bookPagePath(club.slug, slot, { partners: partnersNow, q: keepQuery ? q : undefined });

  const header = (
    <>
      <p className="text-sm">
        <Link href={`/c/${club.slug}`} className="text-blue-800 underline">
          {club.name}
        </Link>{" "}
        ·{" "}
        <Link href={planning} className="text-blue-800 underline">
          Back to the planning
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">{court ? `Book ${court.name}` : "Book a court"}</h1>
      <p id="booking-summary" className="mt-1 text-lg">
        {court ? `${court.name}, ` : null}
        <time dateTime={startIso}>
          {day} at {time}
        </time>{" "}
        <span className="text-sm text-slate-700">(club time, {zone})</span>
      </p>
    </>
  );

  const notice = (body: React.ReactNode, tone: "info" | "warn" = "warn") => (
    <div
      className={`mt-4 rounded border p-3 ${tone === "warn" ? "border-amber-300 bg-amber-50" : "border-blue-300 bg-blue-50"}`}
    >
      {body}
    </div>
  );

  let content: React.ReactNode;
  if (!court || !row || !cell) {
    content = notice(<p>This time is not on the club’s planning for this court.</p>);
  } else if (data.viewer.member && !user.emailVerified && cell.status === "free") {
    content = notice(
      <>
        <p className="font-semibold">Confirm your email address first.</p>
        <p className="mt-1" data-testid="refusal-reason" data-rule="EMAIL_UNVERIFIED">
          Open the link we emailed to {user.email} to confirm it, then book.{" "}
          <Link href="/account" className="text-blue-800 underline">
            Send the link again
          </Link>
        </p>
      </>,
    );
  } else if (cell.status === "free" && !cell.bookable) {
    content = notice(
      <>
        <p className="font-semibold">You cannot book this slot.</p>
        <p className="mt-1" data-testid="refusal-reason" data-rule={cell.reason.rule}>
          {cell.reason.message}
        </p>
        {cell.reason.eligibleAt ? (
          <p className="mt-1">
            You become eligible on {formatMoment(new Date(cell.reason.eligibleAt), zone)}.
          </p>
        ) : null}
      </>,
    );
  } else if (cell.status === "free" && cell.bookable) {
    const maxPlayers = Math.max(...court.playerCounts, 2);
    const guestSlots = Math.max(0, Math.min(5, maxPlayers - 1 - partners.length));
    const durations = cell.durations.map((minutes) => ({
      minutes,
      label: `${formatDuration(minutes)} (until ${formatClock(
        new Date(slot.startsAt.getTime() + minutes * 60_000),
        zone,
      )})`,
    }));
    const defaultDuration = cell.durations.includes(slot.durationMinutes)
      ? slot.durationMinutes
      : cell.durations[0]!;
    const counts = court.playerCounts.join(" or ");
    content = (
      <>
        <section aria-labelledby="partners-heading" className="mt-6">
          <h2 id="partners-heading" className="text-xl font-semibold">
            1. Who plays with you?
          </h2>
          <p className="mt-1">
            This court is booked for {counts} players: you, plus partners from the club and guests.
          </p>
          {partners.length ? (
            <ul aria-label="Partners you chose" className="mt-2 flex flex-col gap-1">
              {partners.map((p) => (
                <li key={p.userId} className="flex flex-wrap items-center gap-3">
                  <span className="font-medium">{p.name}</span>
                  <Link
                    href={pagePath(chosenIds.filter((id) => id !== p.userId))}
                    className="text-blue-800 underline"
                  >
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
            action={`/c/${club.slug}/book`}
            role="search"
            aria-label="Find a partner"
            className="mt-3 flex flex-wrap items-end gap-2"
          >
            <input type="hidden" name="court" value={slot.courtId} />
            <input type="hidden" name="start" value={startIso} />
            <input type="hidden" name="duration" value={slot.durationMinutes} />
            {chosenIds.map((id) => (
              <input key={id} type="hidden" name="partner" value={id} />
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
              className={`${button} border border-slate-500 bg-white hover:bg-slate-100`}
            >
              Search
            </button>
          </form>
          {search?.error ? (
            <p id="partner-q-error" className="mt-1 text-sm font-medium text-red-700">
              {search.error}
            </p>
          ) : null}
          {search && !search.error ? (
            <div className="mt-3" data-testid="partner-results">
              <h3 className="font-medium" id="partner-results-heading">
                {search.members.length
                  ? `Members matching “${search.q}”`
                  : `No member matches “${search.q}”.`}
              </h3>
              {search.members.length ? (
                <ul aria-labelledby="partner-results-heading" className="mt-1 flex flex-col gap-1">
                  {search.members.map((m) => (
                    <li key={m.userId} className="flex flex-wrap items-center gap-3">
                      <span>{m.name}</span>
                      {chosenIds.includes(m.userId) ? (
                        <span className="text-sm text-slate-700">(chosen)</span>
                      ) : (
                        <Link
                          href={pagePath([...chosenIds, m.userId], false)}
                          className="text-blue-800 underline"
                        >
                          Add<span className="sr-only"> {m.name} as a partner</span>
                        </Link>
                      )}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </section>

        <section aria-labelledby="confirm-heading" className="mt-8">
          <h2 id="confirm-heading" className="text-xl font-semibold">
            2. Duration, guests and confirmation
          </h2>
          <BookingForm
            // A new form (and a fresh answer) whenever the partners change.
            key={chosenIds.join(",")}
            action={bookAction}
            club={club.slug}
            courtId={slot.courtId}
            startsAt={startIso}
            idempotencyKey={randomUUID()}
            durations={durations}
            defaultDuration={defaultDuration}
            partners={partners}
            guestSlots={guestSlots}
            paymentGateways={data.paymentGateways}
            submitLabel={`Confirm booking of ${court.name} at ${time}`}
          />
        </section>
      </>
    );
  } else if (cell.status === "booked" && cell.mine) {
    content = notice(
      <p>
        You already play at this time.{" "}
        <Link href={myBookingsPath(club.slug)} className="text-blue-800 underline">
          See my bookings
        </Link>
      </p>,
      "info",
    );
  } else if (cell.status === "booked") {
    const back = pagePath(chosenIds, false);
    content = (
      <section aria-labelledby="waitlist-heading" className="mt-6">
        <h2 id="waitlist-heading" className="text-xl font-semibold">
          This slot is taken
        </h2>
        {waitlist ? (
          <>
            <p role="status" className="mt-2 rounded border border-green-300 bg-green-50 p-3">
              You are on the waiting list for this slot ({formatDuration(waitlist.durationMinutes)}
              ). If it frees up, we will email you a link to book it: the first to confirm gets it.
            </p>
            <ActionForm
              action={leaveWaitlistAction}
              submitLabel="Leave the waiting list"
              variant="secondary"
            >
              <input type="hidden" name="entryId" value={waitlist.id} />
              <input type="hidden" name="next" value={back} />
            </ActionForm>
          </>
        ) : data.viewer.member ? (
          <>
            <p className="mt-2">
              Join the waiting list: if the players cancel, we email you a link that opens this
              booking, prefilled. The first to confirm gets the court.
            </p>
            <ActionForm action={joinWaitlistAction} submitLabel="Join the waiting list">
              <input type="hidden" name="club" value={club.slug} />
              <input type="hidden" name="courtId" value={slot.courtId} />
              <input type="hidden" name="startsAt" value={startIso} />
              <fieldset className="mt-4">
                <legend className="font-medium">How long would you play?</legend>
                <div className="mt-1 flex flex-wrap gap-2">
                  {court.durations.map((minutes) => (
                    <label
                      key={minutes}
                      className="flex min-h-11 items-center gap-2 rounded border border-slate-400 bg-white px-3"
                    >
                      <input
                        type="radio"
                        name="durationMinutes"
                        value={minutes}
                        defaultChecked={
                          minutes ===
                          (court.durations.includes(slot.durationMinutes)
                            ? slot.durationMinutes
                            : court.durations[0])
                        }
                        required
                        className="h-4 w-4"
                      />
                      {formatDuration(minutes)}
                    </label>
                  ))}
                </div>
              </fieldset>
            </ActionForm>
          </>
        ) : (
          <p className="mt-2">Only members of this club can wait for a slot.</p>
        )}
      </section>
    );
  } else {
    const why =
      cell.status === "past"
        ? "This time has already started or passed."
        : cell.status === "closed"
          ? cell.reason
            ? `The court is closed: ${cell.reason}.`
            : "The court is not open at this time."
          : `The court is blocked: ${cell.title}.`;
    content = notice(<p>{why}</p>);
  }

  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-6">
      {header}
      {content}
    </main>
  );
}
