import Link from "next/link";
import type { ReactNode } from "react";
import type { CellRefusal } from "@/lib/availability";

/** A boxed notice of the booking page: a warning (the slot cannot be booked) or information. */
export function BookPageNotice({
  tone = "warn",
  children,
}: {
  tone?: "info" | "warn";
  children: ReactNode;
}) {
  return (
    <div
      className={`mt-4 rounded border p-3 ${tone === "warn" ? "border-amber-300 bg-amber-50" : "border-blue-300 bg-blue-50"}`}
    >
      {children}
    </div>
  );
}

/** A member whose email address is not confirmed books once it is (need-to-know.test.ts). */
export function EmailUnverifiedNotice({ email }: { email: string }) {
  return (
    <BookPageNotice>
      <p className="font-semibold">Confirm your email address first.</p>
      <p className="mt-1" data-testid="refusal-reason" data-rule="EMAIL_UNVERIFIED">
        Open the link we emailed to {email} to confirm it, then book.{" "}
        <Link href="/account" className="text-blue-800 underline">
          Send the link again
        </Link>
      </p>
    </BookPageNotice>
  );
}

/** The rule that stops the viewer from booking a free slot, and when they become eligible. */
export function RefusalNotice({
  reason,
  eligibleOn,
}: {
  reason: Pick<CellRefusal, "rule" | "message">;
  /** The eligibility moment in words, or null when waiting does not help. */
  eligibleOn: string | null;
}) {
  return (
    <BookPageNotice>
      <p className="font-semibold">You cannot book this slot.</p>
      <p className="mt-1" data-testid="refusal-reason" data-rule={reason.rule}>
        {reason.message}
      </p>
      {eligibleOn ? <p className="mt-1">You become eligible on {eligibleOn}.</p> : null}
    </BookPageNotice>
  );
}

/** The viewer plays in the slot already. */
export function AlreadyPlayingNotice({ myBookingsHref }: { myBookingsHref: string }) {
  return (
    <BookPageNotice tone="info">
      <p>
        You already play at this time.{" "}
        <Link href={myBookingsHref} className="text-blue-800 underline">
          See my bookings
        </Link>
      </p>
    </BookPageNotice>
  );
}
