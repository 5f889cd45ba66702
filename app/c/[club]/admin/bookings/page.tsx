import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { BookingFiltersSection } from "@/components/admin/bookings/booking-filters-section";
import { BookingNotices } from "@/components/admin/bookings/booking-notices";
import { BookingResultsSection } from "@/components/admin/bookings/booking-results-section";
import { NewBookingSection } from "@/components/admin/bookings/new-booking-section";
import { bookingListFilters, bookingNotices, bookingsPageHref } from "@/lib/admin-bookings-page";
import { todayIn } from "@/lib/time";
import { getBookingOptions } from "@/server/admin/bookings/get-booking-options";
import { listClubBookings } from "@/server/admin/bookings/list-club-bookings";
import { requireClubPermission } from "@/server/auth/require-user";
import { cancelMemberBookingAction, createStaffBookingAction } from "./actions";

export const metadata: Metadata = { title: "Bookings" };

type Search = Record<string, string | string[] | undefined>;

/**
 * Bookings of a club: STAFF and above. Filter by date range, court, member and status (a GET
 * form: the filters live in the URL), 25 to a page; cancel on the players' behalf with a reason
 * they are told; book for a member or a walk-in guest (the tier's quotas do not bind the club,
 * the overlap rule does).
 */
export default async function AdminBookingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams?: Promise<Search>;
}) {
  const { club: slug } = await params;
  const search: Search = (await searchParams) ?? {};
  const access = await requireClubPermission(slug, "viewBookings", {
    next: `/c/${slug}/admin/bookings`,
  });
  const clubSlug = access.club.slug;
  const [options, list] = await Promise.all([
    getBookingOptions(clubSlug),
    listClubBookings(clubSlug, bookingListFilters(search)),
  ]);
  const pageHref = (page: number) => bookingsPageHref(clubSlug, list.query, page);

  return (
    <>
      <AdminNav slug={clubSlug} role={access.role} current="/bookings" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-bold">Bookings · {access.club.name}</h1>
        <BookingNotices messages={bookingNotices(search)} />
        <BookingFiltersSection query={list.query} courts={options.courts} />
        <BookingResultsSection
          list={list}
          clubSlug={clubSlug}
          pageHref={pageHref}
          actions={{ cancel: cancelMemberBookingAction }}
        />
        <NewBookingSection
          clubSlug={clubSlug}
          courts={options.courts}
          members={options.members}
          today={todayIn(access.club.timeZone)}
          actions={{ create: createStaffBookingAction }}
        />
      </main>
    </>
  );
}
