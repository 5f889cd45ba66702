import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BadRequestView } from "@/components/bad-request-view";
import { BookPageHeader } from "@/components/bookings/book-page-header";
import {
  AlreadyPlayingNotice,
  BookPageNotice,
  EmailUnverifiedNotice,
  RefusalNotice,
} from "@/components/bookings/book-page-notices";
import { ConfirmBookingSection } from "@/components/bookings/confirm-booking-section";
import { PartnerPicker } from "@/components/bookings/partner-picker";
import { WaitlistPanel } from "@/components/bookings/waitlist-panel";
import { myBookingsPath, parseBookingPrefill, planningPath } from "@/lib/booking-links";
import { bookingPageView, bookPageReturnPath, partnerLinks, queryValues } from "@/lib/booking-page";
import { requireUser } from "@/server/auth/require-user";
import { getBookingForm } from "@/server/bookings/get-booking-form";
import { leaveWaitlistAction } from "../bookings/actions";
import { bookAction, joinWaitlistAction } from "./actions";

export const metadata: Metadata = { title: "Book a court", robots: { index: false } };

type Props = {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * The booking dialog as a page: `/c/{club}/book?court=…&start=…&duration=…`, opened from a free
 * cell of the planning grid or from the waiting-list email (through the planning page). Works
 * without JavaScript: partners are found with a GET search form and carried in the URL
 * (`partner=…`), the booking itself is a server action. A taken slot offers the waiting list;
 * a slot the player may not book says which rule stops them and when they become eligible
 * (lib/booking-page.ts decides which panel is shown).
 */
export default async function BookPage({ params, searchParams }: Props) {
  const { club: slug } = await params;
  const query = await searchParams;
  const user = await requireUser({ next: bookPageReturnPath(slug, query) });

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
  const q = typeof query.q === "string" ? query.q : undefined;
  const partnerIds = queryValues(query.partner);
  const data = await getBookingForm(user, { club: slug, slot, partnerIds, q });
  if (!data) notFound();
  const { club, court, partners, search } = data;
  const found = search?.members ?? [];
  const links = partnerLinks({ clubSlug: club.slug, slot, q, partners, found });
  const member = data.viewer.member;
  const view = bookingPageView({
    ...data,
    member,
    emailVerified: user.emailVerified,
    zone: club.timeZone,
  });

  const content = (): React.ReactNode => {
    switch (view.kind) {
      case "email-unverified":
        return <EmailUnverifiedNotice email={user.email} />;
      case "refused":
        return <RefusalNotice reason={view.reason} eligibleOn={view.eligibleOn} />;
      case "form":
        return (
          <>
            <PartnerPicker
              clubSlug={club.slug}
              slot={slot}
              playerCounts={view.court.playerCounts.join(" or ")}
              q={q}
              links={links}
              search={search}
            />
            <ConfirmBookingSection
              // A new form (and a fresh answer) whenever the partners change.
              key={partners.map((p) => p.userId).join(",")}
              action={bookAction}
              club={club.slug}
              slot={slot}
              zone={club.timeZone}
              court={view.court}
              durations={view.cell.durations}
              partners={partners}
              paymentGateways={data.paymentGateways}
              idempotencyKey={randomUUID()}
            />
          </>
        );
      case "mine":
        return <AlreadyPlayingNotice myBookingsHref={myBookingsPath(club.slug)} />;
      case "taken":
        return (
          <WaitlistPanel
            clubSlug={club.slug}
            slot={slot}
            member={member}
            entry={data.waitlist}
            durations={view.court.durations}
            returnHref={links.here}
            joinAction={joinWaitlistAction}
            leaveAction={leaveWaitlistAction}
          />
        );
      case "unavailable":
        return (
          <BookPageNotice>
            <p>{view.why}</p>
          </BookPageNotice>
        );
    }
  };

  return (
    <main id="main" className="mx-auto max-w-3xl p-4 sm:p-6">
      <BookPageHeader
        club={club}
        planningHref={planningPath(club.slug, data.date)}
        courtName={court?.name ?? null}
        startsAt={slot.startsAt}
      />
      {content()}
    </main>
  );
}
