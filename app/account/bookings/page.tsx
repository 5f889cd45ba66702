import type { Metadata } from "next";
import Link from "next/link";
import { MyBookingsView } from "@/components/bookings/my-bookings-view";
import { formatMoment } from "@/lib/booking-policy";
import { requireUser } from "@/server/auth/require-user";
import { listMyBookings } from "@/server/bookings/list-my-bookings";
import { getCalendarFeedStatus } from "@/server/calendar/get-calendar-feed-status";
import { listMyWaitlist } from "@/server/waitlist/list-my-waitlist";
import {
  cancelBookingAction,
  leaveWaitlistAction,
  revokeCalendarFeedAction,
  rotateCalendarFeedAction,
} from "@/app/c/[club]/bookings/actions";

export const metadata: Metadata = { title: "My bookings" };

/**
 * "My bookings" across every club of the player (linked from the account page); each club's own
 * page is /c/{club}/bookings. Times are shown in each club's time zone.
 */
export default async function AccountBookingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const user = await requireUser({ next: "/account/bookings" });
  const [mine, waitlist, feed] = await Promise.all([
    listMyBookings(user),
    listMyWaitlist(user),
    getCalendarFeedStatus(user),
  ]);
  const clubs = new Map(
    [...mine.upcoming, ...mine.past, ...waitlist].map((b) => [b.club.slug, b.club.name]),
  );
  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-6">
      <p className="text-sm">
        <Link href="/account" className="text-blue-800 underline">
          Your account
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">My bookings</h1>
      <p className="mt-1 text-slate-800">In all your clubs; times in each club’s time zone.</p>
      {clubs.size ? (
        <nav aria-label="Your clubs" className="mt-2">
          <ul className="flex flex-wrap gap-x-4">
            {[...clubs].map(([slug, name]) => (
              <li key={slug}>
                <Link href={`/c/${slug}/planning`} className="text-blue-800 underline">
                  Planning of {name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {typeof query.cancelled === "string" ? (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3">
          Your booking is cancelled. Everyone playing has been told by email.
        </p>
      ) : null}
      {query.left === "1" ? (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3">
          You left the waiting list.
        </p>
      ) : null}
      <MyBookingsView
        upcoming={mine.upcoming}
        past={mine.past}
        cancelled={mine.cancelled}
        waitlist={waitlist}
        feed={
          feed.active
            ? {
                active: true,
                createdLabel: formatMoment(new Date(feed.createdAt), "UTC") + " UTC",
                lastUsedLabel: feed.lastUsedAt
                  ? formatMoment(new Date(feed.lastUsedAt), "UTC") + " UTC"
                  : null,
              }
            : { active: false }
        }
        actions={{
          cancel: cancelBookingAction,
          leaveWaitlist: leaveWaitlistAction,
          rotateFeed: rotateCalendarFeedAction,
          revokeFeed: revokeCalendarFeedAction,
        }}
        next="/account/bookings"
        showClub
        planningHref={null}
      />
    </main>
  );
}
