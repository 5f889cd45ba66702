import Link from "next/link";
import type { ReactNode } from "react";
import { PaymentStatusPoller } from "@/components/payments/payment-status-poller";
import type { PaymentOutcome } from "@/lib/payments/payment-status-page";

const BOX = {
  info: "mt-4 rounded border border-blue-300 bg-blue-50 p-3",
  ok: "mt-4 rounded border border-green-300 bg-green-50 p-3",
  bad: "mt-4 rounded border border-red-300 bg-red-50 p-3",
};

const LINK = "font-medium text-blue-800 underline";

/** The payment status page's message for an outcome (lib/payments/payment-status-page.ts). */
export function PaymentStatusMessage({
  outcome,
  slot,
  payAgainHref,
  bookAgainHref,
  myBookingsHref,
}: {
  outcome: PaymentOutcome;
  slot: string;
  /** The checkout of the booking: a plain link, so it loads as a document with its own CSP. */
  payAgainHref: string;
  bookAgainHref: string;
  myBookingsHref: string;
}) {
  switch (outcome.kind) {
    case "returned-unpaid":
      return (
        <Message
          tone="bad"
          title={
            <>
              The payment was {outcome.outcome} on the payment page; your slot stays held until{" "}
              {outcome.heldUntil} — try again.
            </>
          }
        >
          <NextStep href={payAgainHref} label="Try the payment again" document />
        </Message>
      );
    case "processing":
      return (
        <Message tone="info" title="Processing your payment… this page updates by itself.">
          <p className="mt-1">Your slot is held until {outcome.heldUntil}.</p>
          {outcome.offerPaymentPage ? (
            <p className="mt-2">
              Not paid yet?{" "}
              <a href={payAgainHref} className={LINK}>
                Go to the payment page
              </a>
            </p>
          ) : null}
        </Message>
      );
    case "paid-then-cancelled":
      return (
        <Message tone="info" title="Payment received; the booking was later cancelled.">
          <p className="mt-1">{outcome.refund}</p>
        </Message>
      );
    case "confirmed":
      return (
        <Message tone="ok" title="Payment received — booking confirmed">
          <p className="mt-1">{slot}</p>
          <NextStep href={myBookingsHref} label="See my bookings" />
        </Message>
      );
    case "failed":
      return (
        <Message tone="bad" title={<>{outcome.why} The slot has been released.</>}>
          <NextStep href={bookAgainHref} label="Book again" />
        </Message>
      );
    case "expired":
      return (
        <Message
          tone="bad"
          title={
            <>
              The payment was not completed in time: the slot was held until {outcome.heldUntil} and
              has been released.
            </>
          }
        >
          {outcome.latePayment ? (
            <p className="mt-1">Your payment arrived after that; it is refunded.</p>
          ) : null}
          <NextStep href={bookAgainHref} label="Book again" />
        </Message>
      );
    case "refund-pending": {
      const done = outcome.alreadyRefunded;
      const note = done ? ` (${done} already refunded)` : "";
      return (
        <Message tone="info" title={<>Refund in progress{note}… this page updates by itself.</>} />
      );
    }
    case "refunded":
      return (
        <Message tone="ok" title={<>Refunded: {outcome.refunded}.</>}>
          <p className="mt-1">It reaches your card within a few days.</p>
        </Message>
      );
    case "partially-refunded":
      return (
        <Message
          tone="ok"
          title={
            <>
              Partially refunded: {outcome.refunded} of {outcome.amount}.
            </>
          }
        />
      );
  }
}

/** A boxed message: its headline in bold, then what follows. */
function Message({
  tone,
  title,
  children,
}: {
  tone: keyof typeof BOX;
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className={BOX[tone]}>
      <p className="font-semibold">{title}</p>
      {children}
    </div>
  );
}

/** The link to what the booker does next; `document`: a plain link, loaded as a document. */
function NextStep({ href, label, document }: { href: string; label: string; document?: boolean }) {
  return (
    <p className="mt-2">
      {document ? (
        <a href={href} className={LINK}>
          {label}
        </a>
      ) : (
        <Link href={href} className={LINK}>
          {label}
        </Link>
      )}
    </p>
  );
}

/** While the payment still moves: the poller, and a refresh link for a page without JavaScript. */
export function PaymentStillMoving({
  paymentId,
  status,
  refreshHref,
}: {
  paymentId: string;
  status: string;
  refreshHref: string;
}) {
  return (
    <>
      <PaymentStatusPoller paymentId={paymentId} status={status} poll />
      <p className="mt-4 text-sm text-slate-800">
        Not changing?{" "}
        <a href={refreshHref} className="underline">
          Refresh this page
        </a>
        .
      </p>
    </>
  );
}
