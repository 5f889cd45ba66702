import Link from "next/link";
import type { AvailabilityGrid } from "@/lib/availability";

/** The confirmation shown on the planning after a booking (`?booked=<id>`). */
export function BookedNotice({
  summary,
  myBookingsHref,
}: {
  summary: string;
  myBookingsHref: string;
}) {
  return (
    <div role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3">
      <p className="font-semibold">Your booking is confirmed: {summary}.</p>
      <p>
        We have emailed you (and your partners) a confirmation with a calendar file.{" "}
        <Link href={myBookingsHref} className="text-blue-800 underline">
          See my bookings
        </Link>
      </p>
    </div>
  );
}

/** What the viewer can do on the planning: sign in, ask the club, or book. */
export function ViewerPrompt({
  viewer,
  loginHref,
  myBookingsHref,
}: {
  viewer: { signedIn: boolean; member: boolean };
  loginHref: string;
  myBookingsHref: string;
}) {
  if (!viewer.signedIn) {
    return (
      <p className="mt-4 rounded border border-blue-300 bg-blue-50 p-3">
        <Link href={loginHref} className="font-semibold text-blue-800 underline">
          Sign in to book
        </Link>{" "}
        a free court.
      </p>
    );
  }
  if (!viewer.member) {
    return (
      <p className="mt-4 rounded border border-slate-300 bg-white p-3">
        Only members of this club can book. Ask the club to add you.
      </p>
    );
  }
  return (
    <p className="mt-4">
      Choose <strong>Book</strong> in a free slot to book it. Free slots you cannot book say why.{" "}
      <Link href={myBookingsHref} className="text-blue-800 underline">
        My bookings
      </Link>
    </p>
  );
}

/** The one rule that stops the viewer from booking on this day (lib/availability.ts commonRefusal). */
export function DayRefusal({ refusal }: { refusal: string }) {
  return (
    <p className="mt-4 rounded border border-amber-300 bg-amber-50 p-3" data-testid="day-refusal">
      You cannot book on this day: {refusal}
    </p>
  );
}

/** Clock changes (DST) and a club-wide closure on the day shown. */
export function DayNotes({
  grid,
}: {
  grid: Pick<AvailabilityGrid, "offsetChange" | "dayMinutes" | "clubClosure">;
}) {
  return (
    <>
      {grid.offsetChange ? (
        <p className="mt-4 rounded border border-sky-300 bg-sky-50 p-3 text-sky-950">
          Clocks change on this day: the club’s time goes from {grid.offsetChange.before} to{" "}
          {grid.offsetChange.after}
          {grid.dayMinutes > 1440
            ? ", so one hour appears twice (told apart by its UTC offset)."
            : null}
          {grid.dayMinutes < 1440 ? ", so one hour is skipped." : null}
        </p>
      ) : null}
      {grid.clubClosure ? (
        <p className="mt-4 rounded border border-slate-400 bg-slate-100 p-3">
          The club is closed on this day: {grid.clubClosure}.
        </p>
      ) : null}
    </>
  );
}
