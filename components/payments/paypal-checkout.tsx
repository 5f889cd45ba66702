"use client";
/**
 * The PayPal checkout of a pending payment (ADR 011, 012): PayPal's one-time payment button and
 * PayPal's card fields, from the JS SDK v6 through @paypal/react-paypal-js/sdk-v6. Card number,
 * expiry and CVV are typed into PayPal-hosted iframes — this page never has a card input — and the
 * SDK is authenticated with the club's public client id (no secret, no client token).
 *
 * Both ways pay the same server-created order: createOrder → POST
 * /api/payments/{id}/paypal/order → { orderId } (the amount is the server's); after the buyer's
 * approval (button) or a successful card submit → POST /api/payments/{id}/paypal/capture
 * { orderId } → then the payment's status page, which shows what was decided. Every problem is
 * said in the live region; cancelling says how long the slot stays held.
 */
import {
  PayPalCardCvvField,
  PayPalCardExpiryField,
  PayPalCardFieldsProvider,
  PayPalCardNumberField,
  PayPalOneTimePaymentButton,
  PayPalProvider,
  usePayPal,
  usePayPalCardFieldsOneTimePaymentSession,
  type Components,
  type OnApproveDataOneTimePayments,
  type OnErrorData,
} from "@paypal/react-paypal-js/sdk-v6";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";

export type PaypalCheckoutProps = {
  paymentId: string;
  /** The club's PayPal REST app client id (public). */
  clientId: string;
  environment: "sandbox" | "production";
  /** Where to go after the capture: /c/<club>/payments/<paymentId>. */
  statusUrl: string;
  /** The amount as the page shows it, e.g. "€15.00". */
  amountLabel: string;
  /**
   * When the slot's hold ends, in the club's time (e.g. "14:35"), for the "cancelled" message.
   * Without it, the hold end returned with the order is shown in the browser's time.
   */
  holdUntilLabel?: string;
};

/** Stable (the provider re-creates the SDK instance when this changes). */
const COMPONENTS: Components[] = ["paypal-payments", "card-fields"];

type Notice = {
  kind: "error" | "info" | "progress";
  text: string;
  /** Offer the status page (the outcome of a capture is not known here). */
  statusLink?: boolean;
};

type Api = { ok: boolean; status: number; body: Record<string, unknown> };

async function postJson(url: string, body: unknown): Promise<Api> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    cache: "no-store",
    credentials: "same-origin",
  });
  const parsed: unknown = await res.json().catch(() => ({}));
  return {
    ok: res.ok,
    status: res.status,
    body: parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {},
  };
}

function messageOf(api: Api, fallback: string): string {
  const m = api.body.message;
  return typeof m === "string" && m ? m : `${fallback} (HTTP ${api.status}).`;
}

export function PaypalCheckout(props: PaypalCheckoutProps) {
  return (
    <PayPalProvider
      clientId={props.clientId}
      environment={props.environment}
      components={COMPONENTS}
      pageType="checkout"
    >
      <CheckoutBody {...props} />
    </PayPalProvider>
  );
}

function CheckoutBody({ paymentId, statusUrl, amountLabel, holdUntilLabel }: PaypalCheckoutProps) {
  const { loadingStatus, error: sdkError } = usePayPal();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);
  const holdUntil = useRef<string | undefined>(holdUntilLabel);
  const base = `/api/payments/${encodeURIComponent(paymentId)}/paypal`;

  const cancelled = useCallback(() => {
    setBusy(false);
    setNotice({
      kind: "info",
      text: holdUntil.current
        ? `Payment cancelled — your slot stays held until ${holdUntil.current}.`
        : "Payment cancelled — your slot stays held for a few more minutes.",
    });
  }, []);

  const createOrder = useCallback(async (): Promise<{ orderId: string }> => {
    setNotice(null);
    let api: Api;
    try {
      api = await postJson(`${base}/order`, {});
    } catch {
      const text = "Courtside could not be reached. Check your connection and try again.";
      setNotice({ kind: "error", text });
      throw new Error(text);
    }
    const orderId = api.body.orderId;
    if (!api.ok || typeof orderId !== "string") {
      const text = messageOf(api, "The payment could not be started");
      setNotice({ kind: "error", text });
      throw new Error(text);
    }
    const hold = api.body.holdExpiresAt;
    if (!holdUntilLabel && typeof hold === "string")
      holdUntil.current = new Intl.DateTimeFormat(undefined, {
        hour: "2-digit",
        minute: "2-digit",
      }).format(new Date(hold));
    return { orderId };
  }, [base, holdUntilLabel]);

  const capture = useCallback(
    async (orderId: string) => {
      setBusy(true);
      setNotice({ kind: "progress", text: "Confirming your payment with PayPal…" });
      let api: Api;
      try {
        api = await postJson(`${base}/capture`, { orderId });
      } catch {
        setBusy(false);
        setNotice({
          kind: "error",
          text: "Courtside could not be reached to confirm the payment. Check the payment's status before trying again.",
          statusLink: true,
        });
        return;
      }
      if (api.ok) {
        // Paid, or decided otherwise (declined, expired): the status page says which.
        window.location.assign(statusUrl);
        return;
      }
      setBusy(false);
      setNotice({
        kind: "error",
        text: messageOf(api, "The payment could not be confirmed"),
        statusLink: api.status >= 500,
      });
    },
    [base, statusUrl],
  );

  const onApprove = useCallback(
    (data: OnApproveDataOneTimePayments) => capture(data.orderId),
    [capture],
  );

  const onError = useCallback((err: OnErrorData) => {
    setBusy(false);
    // Keep our own, clearer message when createOrder already explained the problem.
    setNotice((current) =>
      current?.kind === "error"
        ? current
        : {
            kind: "error",
            text: `PayPal reported a problem${err?.message ? `: ${err.message}` : ""}. Try again, or pay by card.`,
          },
    );
  }, []);

  const unavailable = loadingStatus === "rejected" || sdkError !== null;
  const shown: Notice | null =
    notice ??
    (unavailable
      ? {
          kind: "error",
          text: "The PayPal checkout could not be loaded. Check your connection and reload the page.",
        }
      : null);

  return (
    <div className="mt-2" data-testid="paypal-checkout">
      <p className="text-slate-800">
        Amount to pay: <strong>{amountLabel}</strong>. Pay with your PayPal account, or by card in
        PayPal’s secure fields: your card details go to PayPal, never to this site.
      </p>

      <div
        aria-live="polite"
        aria-atomic="true"
        className="mt-3 min-h-6"
        data-testid="paypal-checkout-message"
      >
        {shown ? (
          <div
            data-kind={shown.kind}
            className={
              shown.kind === "error"
                ? "rounded border border-red-300 bg-red-50 p-3"
                : shown.kind === "info"
                  ? "rounded border border-amber-300 bg-amber-50 p-3"
                  : "rounded border border-blue-300 bg-blue-50 p-3"
            }
          >
            <p className="font-semibold">{shown.text}</p>
            {shown.statusLink ? (
              <p className="mt-1">
                <a href={statusUrl} className="text-blue-800 underline">
                  See the payment’s status
                </a>
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      <h3 className="mt-4 font-semibold">With PayPal</h3>
      <div className="mt-2 max-w-sm">
        <PayPalOneTimePaymentButton
          createOrder={createOrder}
          onApprove={onApprove}
          onCancel={cancelled}
          onError={onError}
          disabled={busy}
        />
      </div>

      <h3 className="mt-6 font-semibold">By card</h3>
      <PayPalCardFieldsProvider>
        <CardForm
          createOrder={createOrder}
          capture={capture}
          cancelled={cancelled}
          setNotice={setNotice}
          busy={busy}
          setBusy={setBusy}
        />
      </PayPalCardFieldsProvider>
    </div>
  );
}

function CardForm({
  createOrder,
  capture,
  cancelled,
  setNotice,
  busy,
  setBusy,
}: {
  createOrder: () => Promise<{ orderId: string }>;
  capture: (orderId: string) => Promise<void>;
  cancelled: () => void;
  setNotice: (n: Notice | null) => void;
  busy: boolean;
  setBusy: (b: boolean) => void;
}) {
  const { submit, submitResponse, error } = usePayPalCardFieldsOneTimePaymentSession();
  // The hook reports the outcome of submit() through its state: act on it once per submit.
  const submitting = useRef(false);

  useEffect(() => {
    if (!submitting.current) return;
    if (submitResponse) {
      submitting.current = false;
      if (submitResponse.state === "succeeded") {
        void capture(submitResponse.data.orderId);
      } else if (submitResponse.state === "canceled") {
        cancelled();
      } else {
        setBusy(false);
        setNotice({
          kind: "error",
          text: `Your card was not accepted${submitResponse.data.message ? `: ${submitResponse.data.message}` : ""}. Check the details or try another card.`,
        });
      }
    } else if (error) {
      submitting.current = false;
      setBusy(false);
      setNotice({
        kind: "error",
        text: `The card payment could not be completed: ${error.message}. Check the card details and try again.`,
      });
    }
  }, [submitResponse, error, capture, cancelled, setBusy, setNotice]);

  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    let orderId: string;
    try {
      ({ orderId } = await createOrder());
    } catch {
      setBusy(false); // createOrder said why.
      return;
    }
    setNotice({ kind: "progress", text: "Checking your card with PayPal…" });
    submitting.current = true;
    await submit(orderId);
  };

  const field = "mt-1 min-h-11 max-w-sm";
  return (
    <form onSubmit={onSubmit} className="mt-2" aria-label="Pay by card" noValidate>
      <PayPalCardNumberField
        containerClassName={field}
        label="Card number"
        ariaLabel="Card number"
        placeholder="1234 1234 1234 1234"
      />
      <div className="flex max-w-sm gap-3">
        <PayPalCardExpiryField
          containerClassName={`${field} flex-1`}
          label="Expiry date"
          ariaLabel="Expiry date"
          placeholder="MM/YY"
        />
        <PayPalCardCvvField
          containerClassName={`${field} flex-1`}
          label="Security code"
          ariaLabel="Security code (CVV)"
          placeholder="CVV"
        />
      </div>
      <button
        type="submit"
        disabled={busy}
        className="mt-3 min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800 focus:ring-2 focus:ring-blue-600 focus:ring-offset-2 focus:outline-none disabled:opacity-60"
      >
        Pay by card
      </button>
    </form>
  );
}
