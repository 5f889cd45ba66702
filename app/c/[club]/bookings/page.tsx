import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MyBookingsView } from "@/components/bookings/my-bookings-view";
import { myBookingsPath, planningPath } from "@/lib/booking-links";
import { formatMoment } from "@/lib/booking-policy";
import { requireUser } from "@/server/auth/require-user";
import { listMyBookings } from "@/server/bookings/list-my-bookings";
import { getCalendarFeedStatus } from "@/server/calendar/get-calendar-feed-status";
import { getClubBySlug } from "@/server/clubs/get-club-by-slug";
import { listMyWaitlist } from "@/server/waitlist/list-my-waitlist";
import {
  cancelBookingAction,
  leaveWaitlistAction,
  revokeCalendarFeedAction,
  rotateCalendarFeedAction,
} from "./actions";

export const metadata: Metadata = { title: "My bookings", robots: { index: false } };

type Props = {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * "My bookings" in one club (the page the booking emails link to: lib/booking-links.ts
 * myBookingsPath): upcoming and past bookings, cancellation, .ics downloads, the waiting list
 * and the personal calendar feed. /account/bookings shows the same across all clubs.
 */
export default async function MyClubBookingsPage({ params, searchParams }: Props) {
  const { club: slug } = await params;
  const query = await searchParams;
  const user = await requireUser({ next: `/c/${slug}/bookings` });
  const club = await getClubBySlug(slug);
  if (!club) notFound();
  const [mine, waitlist, feed] = await Promise.all([
    listMyBookings(user),
    listMyWaitlist(user, { club: club.slug }),
    getCalendarFeedStatus(user),
  ]);
  const here = (b: { club: { slug: string } }) => b.club.slug === club.slug;
  const zone = club.timeZone;
  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-6">
      <p className="text-sm">
        <Link href={`/c/${club.slug}`} className="text-blue-800 underline">
          {club.name}
        </Link>{" "}
        ·{" "}
        <Link href={planningPath(club.slug)} className="text-blue-800 underline">
          Planning
        </Link>{" "}
        ·{" "}
        <Link href="/account/bookings" className="text-blue-800 underline">
          Bookings in all my clubs
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">My bookings</h1>
      <p className="mt-1 text-slate-800">Times in the club’s time zone ({zone}).</p>
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
        upcoming={mine.upcoming.filter(here)}
        past={mine.past.filter(here)}
        cancelled={mine.cancelled.filter(here)}
        waitlist={waitlist}
        feed={
          feed.active
            ? {
                active: true,
                createdLabel: formatMoment(new Date(feed.createdAt), zone),
                lastUsedLabel: feed.lastUsedAt
                  ? formatMoment(new Date(feed.lastUsedAt), zone)
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
        next={myBookingsPath(club.slug)}
        showClub={false}
        planningHref={planningPath(club.slug)}
      />
    </main>
  );
}
