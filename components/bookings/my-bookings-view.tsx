import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form";
import { CancelBookingForm } from "@/components/bookings/cancel-booking-form";
import {
  CalendarFeedPanel,
  type CalendarFeedStatusView,
} from "@/components/bookings/calendar-feed-panel";
import { bookingIcsPath, checkoutPath, planningPath } from "@/lib/booking-links";
import { formatMoment } from "@/lib/booking-policy";
import { formatSlot, listNames } from "@/lib/booking-ui";
import { formatMoney } from "@/lib/pricing";
import type { CalendarFeedState } from "@/lib/calendar-feed-state";
import type { FormState } from "@/lib/form-state";
import { todayIn } from "@/lib/time";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;
type FeedAction = (state: CalendarFeedState, formData: FormData) => Promise<CalendarFeedState>;

/** The fields of a booking this view shows (server/bookings/list-my-bookings.ts MyBooking). */
export type MyBookingItem = {
  id: string;
  club: { slug: string; name: string; timeZone: string };
  court: { name: string };
  startsAt: string;
  endsAt: string;
  players: (
    { kind: "member"; name: string; isBooker: boolean } | { kind: "guest"; name: string }
  )[];
  role: "booker" | "partner";
  cancellableUntil: string | null;
  canCancel: boolean;
  cancelReason: string | null;
  status?: "PENDING_PAYMENT" | "CONFIRMED" | "CANCELLED";
  /** The booker's view of the money (server/bookings/list-my-bookings.ts MyBookingPayment). */
  payment?: {
    status: string;
    amount: number;
    currency: string;
    refundedAmount: number;
    refundInProgress: number;
    holdExpiresAt: string;
    refundIfCancelledNow: { amount: number; reason: string } | null;
  } | null;
};

/** What the booker paid, and what came or is coming back. */
function PaymentLine({ b, live }: { b: MyBookingItem; live: boolean }) {
  const p = b.payment;
  if (!p) return null;
  const money = (n: number) => formatMoney(n, p.currency);
  if (b.status === "PENDING_PAYMENT" && p.status === "PENDING")
    return (
      <p
        className="mt-1 rounded border border-amber-300 bg-amber-50 p-2"
        data-testid="payment-line"
      >
        Awaiting payment of {money(p.amount)} — the court is held until{" "}
        {formatMoment(new Date(p.holdExpiresAt), b.club.timeZone)}.{" "}
        {live ? (
          // A plain link: the checkout must be a full page load to get its own CSP.
          <a
            href={checkoutPath(b.club.slug, b.id)}
            className="font-semibold text-blue-800 underline"
          >
            Pay now
          </a>
        ) : null}
      </p>
    );
  const parts: string[] = [];
  if (p.status === "PAID" || p.status === "REFUND_PENDING" || p.status.endsWith("REFUNDED"))
    parts.push(`Paid ${money(p.amount)}.`);
  if (p.refundedAmount > 0) parts.push(`Refunded ${money(p.refundedAmount)}.`);
  if (p.refundInProgress > 0) parts.push(`Refund of ${money(p.refundInProgress)} on its way.`);
  if (p.status === "EXPIRED" || p.status === "FAILED") parts.push("Not paid: no money was taken.");
  if (!parts.length) return null;
  return (
    <p className="mt-1" data-testid="payment-line">
      {parts.join(" ")}
    </p>
  );
}

/** The fields of a waiting-list entry this view shows (server/waitlist/waitlist-entry-view.ts). */
export type WaitlistItem = {
  id: string;
  club: { slug: string; name: string; timeZone: string };
  court: { name: string };
  startsAt: string;
  endsAt: string;
  notifiedAt: string | null;
};

export type MyBookingsActions = {
  cancel: FormAction;
  leaveWaitlist: FormAction;
  rotateFeed: FeedAction;
  revokeFeed: FeedAction;
};

function who(b: MyBookingItem): string {
  const booker = b.players.find((p) => p.kind === "member" && p.isBooker);
  const others = b.players.filter((p) => !(p.kind === "member" && p.isBooker));
  const names = others.map((p) => (p.kind === "guest" ? `${p.name} (guest)` : p.name));
  const booked = b.role === "booker" ? "You booked it" : `Booked by ${booker?.name ?? "a player"}`;
  return names.length ? `${booked}; playing with ${listNames(names)}.` : `${booked}.`;
}

function BookingItem({
  b,
  showClub,
  actions,
  next,
  live,
}: {
  b: MyBookingItem;
  showClub: boolean;
  actions: MyBookingsActions;
  next: string;
  live: boolean;
}) {
  const when = formatSlot(b.startsAt, b.endsAt, b.club.timeZone);
  const title = `${b.court.name}, ${when}`;
  const headingId = `booking-${b.id}-title`;
  return (
    <li
      id={`booking-${b.id}`}
      className="rounded border border-slate-300 bg-white p-3 target:ring-2 target:ring-blue-600"
    >
      <h3 id={headingId} className="font-semibold">
        {title}
        {showClub ? <span className="font-normal"> · {b.club.name}</span> : null}
      </h3>
      <p className="mt-1">{who(b)}</p>
      {b.cancelReason ? <p className="mt-1">Reason given: {b.cancelReason}</p> : null}
      <PaymentLine b={b} live={live} />
      {live ? (
        <p className="mt-1">
          <a
            href={bookingIcsPath(b.club.slug, b.id)}
            download
            className="inline-flex min-h-11 items-center text-blue-800 underline"
          >
            Download the calendar file (.ics)<span className="sr-only"> for {title}</span>
          </a>
        </p>
      ) : null}
      {live && b.role === "booker" && b.canCancel && b.cancellableUntil ? (
        <>
          <p className="mt-1 text-sm text-slate-700">
            {b.status === "PENDING_PAYMENT"
              ? "You can give up this booking until you pay: nothing is charged."
              : `You can cancel until ${formatMoment(new Date(b.cancellableUntil), b.club.timeZone)}.`}
            {b.payment?.refundIfCancelledNow
              ? b.payment.refundIfCancelledNow.amount > 0
                ? ` Cancelling now refunds ${formatMoney(b.payment.refundIfCancelledNow.amount, b.payment.currency)} (${b.payment.refundIfCancelledNow.reason}).`
                : ` Cancelling now refunds nothing (${b.payment.refundIfCancelledNow.reason}).`
              : ""}
          </p>
          <CancelBookingForm
            action={actions.cancel}
            club={b.club.slug}
            bookingId={b.id}
            next={next}
            what={title}
          />
        </>
      ) : null}
      {live && b.role === "booker" && !b.canCancel ? (
        <p className="mt-1 text-sm text-slate-700">
          The time to cancel online has passed
          {b.cancellableUntil
            ? ` (${formatMoment(new Date(b.cancellableUntil), b.club.timeZone)})`
            : ""}
          . Please contact the club.
        </p>
      ) : null}
      {live && b.role === "partner" ? (
        <p className="mt-1 text-sm text-slate-700">
          Only the player who booked can cancel: ask them if you cannot play.
        </p>
      ) : null}
    </li>
  );
}

function BookingList({
  id,
  title,
  empty,
  items,
  ...rest
}: {
  id: string;
  title: string;
  empty: string;
  items: MyBookingItem[];
  showClub: boolean;
  actions: MyBookingsActions;
  next: string;
  live: boolean;
}) {
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {items.length ? (
        <ul className="mt-2 flex flex-col gap-3">
          {items.map((b) => (
            <BookingItem key={b.id} b={b} {...rest} />
          ))}
        </ul>
      ) : (
        <p className="mt-2">{empty}</p>
      )}
    </section>
  );
}

/**
 * "My bookings": upcoming (with .ics download and cancellation within the notice), the waiting
 * list, the personal calendar feed, then past and cancelled bookings. Presentational: the page
 * loads the data and passes the server actions.
 */
export function MyBookingsView({
  upcoming,
  past,
  cancelled,
  waitlist,
  feed,
  actions,
  next,
  showClub,
  planningHref,
}: {
  upcoming: MyBookingItem[];
  past: MyBookingItem[];
  cancelled: MyBookingItem[];
  waitlist: WaitlistItem[];
  feed: CalendarFeedStatusView;
  actions: MyBookingsActions;
  /** This page's path (forms come back to it). */
  next: string;
  showClub: boolean;
  /** Where to book (the club's planning), when the page is about one club. */
  planningHref: string | null;
}) {
  const common = { showClub, actions, next };
  return (
    <>
      <BookingList
        id="upcoming-heading"
        title="Upcoming"
        empty="You have no upcoming booking."
        items={upcoming}
        live
        {...common}
      />
      {planningHref ? (
        <p className="mt-3">
          <Link href={planningHref} className="text-blue-800 underline">
            Book a court on the planning
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="waitlist-heading" className="mt-8" id="waitlist">
        <h2 id="waitlist-heading" className="text-xl font-semibold">
          Waiting list
        </h2>
        {waitlist.length ? (
          <ul className="mt-2 flex flex-col gap-3">
            {waitlist.map((e) => {
              const what = `${e.court.name}, ${formatSlot(e.startsAt, e.endsAt, e.club.timeZone)}`;
              return (
                <li key={e.id} className="rounded border border-slate-300 bg-white p-3">
                  <p className="font-semibold">
                    {what}
                    {showClub ? <span className="font-normal"> · {e.club.name}</span> : null}
                  </p>
                  <p className="mt-1 text-sm">
                    {e.notifiedAt
                      ? "It freed up and we emailed you: book it before someone else does."
                      : "We will email you if it frees up."}{" "}
                    <Link
                      href={planningPath(
                        e.club.slug,
                        todayIn(e.club.timeZone, new Date(e.startsAt)),
                      )}
                      className="text-blue-800 underline"
                    >
                      See the planning<span className="sr-only"> for {what}</span>
                    </Link>
                  </p>
                  <ActionForm
                    action={actions.leaveWaitlist}
                    submitLabel="Stop waiting for this slot"
                    variant="secondary"
                  >
                    <input type="hidden" name="entryId" value={e.id} />
                    <input type="hidden" name="next" value={next} />
                  </ActionForm>
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="mt-2">
            You are not waiting for any slot. On the planning, a taken slot offers its waiting list.
          </p>
        )}
      </section>

      <section aria-labelledby="calendar-heading" className="mt-8">
        <h2 id="calendar-heading" className="text-xl font-semibold">
          Calendar subscription
        </h2>
        <CalendarFeedPanel
          status={feed}
          rotate={actions.rotateFeed}
          revoke={actions.revokeFeed}
          next={next.split("?")[0]!}
        />
      </section>

      <BookingList
        id="past-heading"
        title="Past"
        empty="No past booking yet."
        items={past}
        live={false}
        {...common}
      />
      <BookingList
        id="cancelled-heading"
        title="Cancelled"
        empty="No cancelled booking."
        items={cancelled}
        live={false}
        {...common}
      />
    </>
  );
}
