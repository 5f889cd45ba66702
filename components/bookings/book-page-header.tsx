import Link from "next/link";
import { formatClock, formatDay } from "@/lib/booking-ui";

/** The booking page's trail (club · planning), title and the slot it books, in club time. */
export function BookPageHeader({
  club,
  planningHref,
  courtName,
  startsAt,
}: {
  club: { slug: string; name: string; timeZone: string };
  planningHref: string;
  /** Null when the court is not on the club's planning. */
  courtName: string | null;
  startsAt: Date;
}) {
  return (
    <>
      <p className="text-sm">
        <Link href={`/c/${club.slug}`} className="text-blue-800 underline">
          {club.name}
        </Link>{" "}
        ·{" "}
        <Link href={planningHref} className="text-blue-800 underline">
          Back to the planning
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">
        {courtName ? `Book ${courtName}` : "Book a court"}
      </h1>
      <p id="booking-summary" className="mt-1 text-lg">
        {courtName ? `${courtName}, ` : null}
        <time dateTime={startsAt.toISOString()}>
          {formatDay(startsAt, club.timeZone)} at {formatClock(startsAt, club.timeZone)}
        </time>{" "}
        <span className="text-sm text-slate-700">(club time, {club.timeZone})</span>
      </p>
    </>
  );
}
