"use client";

import { useActionState, useEffect } from "react";
import { FormMessage } from "@/components/forms/action-form";
import { IDLE, type FormState } from "@/lib/form-state";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

const GATEWAY_LABELS = {
  PAYPAL: "PayPal or card (via PayPal)",
  PAYBOX: "Card on the Paybox secure page",
} as const;

export type DurationOption = { minutes: number; label: string };

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-700">
      {message}
    </p>
  );
}

/**
 * The booking dialog's form: duration, guests and confirmation of a slot whose partners were
 * chosen above it. A server action with useActionState: it works without JavaScript (a native
 * POST), and shows the rule that refused the booking, or the field to correct, in place.
 * `idempotencyKey` is made when the page is rendered: a double submission books once.
 */
export function BookingForm({
  action,
  club,
  courtId,
  startsAt,
  idempotencyKey,
  durations,
  defaultDuration,
  partners,
  guestSlots,
  paymentGateways,
  submitLabel,
}: {
  action: FormAction;
  club: string;
  courtId: string;
  startsAt: string;
  idempotencyKey: string;
  durations: DurationOption[];
  defaultDuration: number;
  partners: { userId: string; name: string }[];
  guestSlots: number;
  /** The club's online payment gateways (empty: fees, if any, are paid at the club). */
  paymentGateways: ReadonlyArray<"PAYPAL" | "PAYBOX">;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  // The checkout is loaded in full (its CSP allows the payment gateways; a client-side navigation
  // would keep this page's policy).
  useEffect(() => {
    if (state.location) window.location.assign(state.location);
  }, [state.location]);
  const values = state.values ?? {};
  const fields = state.fields ?? {};
  const chosen = Number(values.durationMinutes ?? defaultDuration);
  const otherErrors = Object.entries(fields).filter(
    ([k]) => k !== "durationMinutes" && !k.startsWith("guest") && k !== "gateway",
  );
  return (
    <form action={formAction} method="post" aria-busy={pending} aria-describedby="booking-summary">
      <FormMessage state={state} />
      {state.location ? (
        <p className="mt-2">
          <a href={state.location} className="font-semibold text-blue-800 underline">
            Continue to the payment
          </a>
        </p>
      ) : null}
      {otherErrors.length ? (
        <ul className="mt-2 list-disc pl-6 text-sm font-medium text-red-700">
          {otherErrors.map(([k, m]) => (
            <li key={k}>{m}</li>
          ))}
        </ul>
      ) : null}
      <input type="hidden" name="club" value={club} />
      <input type="hidden" name="courtId" value={courtId} />
      <input type="hidden" name="startsAt" value={startsAt} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {partners.map((p) => (
        <input key={p.userId} type="hidden" name="partnerIds" value={p.userId} />
      ))}

      <fieldset
        className="mt-4"
        aria-describedby={fields.durationMinutes ? "duration-error" : undefined}
      >
        <legend className="font-medium">How long?</legend>
        <FieldError id="duration-error" message={fields.durationMinutes} />
        <div className="mt-1 flex flex-wrap gap-2">
          {durations.map((d) => (
            <label
              key={`${state.status}:${d.minutes}`}
              className="flex min-h-11 cursor-pointer items-center gap-2 rounded border border-slate-400 bg-white px-3 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50"
            >
              <input
                type="radio"
                name="durationMinutes"
                value={d.minutes}
                defaultChecked={d.minutes === chosen}
                required
                className="h-4 w-4"
              />
              {d.label}
            </label>
          ))}
        </div>
      </fieldset>

      {guestSlots > 0 ? (
        <fieldset className="mt-6" aria-describedby="guests-hint">
          <legend className="font-medium">Guests (people who are not members)</legend>
          <p id="guests-hint" className="text-sm text-slate-700">
            Optional. Write each guest’s name; the club’s rules say how many guests you may bring.
          </p>
          {fields.guests ? <FieldError id="guests-error" message={fields.guests} /> : null}
          {Array.from({ length: guestSlots }, (_, i) => {
            const name = `guest${i + 1}`;
            const error = fields[name];
            return (
              <div key={`${state.status}:${name}`} className="mt-2">
                <label htmlFor={`field-${name}`} className="block text-sm font-medium">
                  Guest {i + 1} name
                </label>
                <FieldError id={`field-${name}-error`} message={error} />
                <input
                  id={`field-${name}`}
                  name={name}
                  type="text"
                  autoComplete="off"
                  maxLength={120}
                  defaultValue={values[name]}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `field-${name}-error` : undefined}
                  className={`mt-1 block w-full max-w-sm rounded border px-3 py-2 ${error ? "border-red-600" : "border-slate-400"}`}
                />
              </div>
            );
          })}
        </fieldset>
      ) : null}

      {paymentGateways.length > 0 ? (
        <fieldset
          className="mt-6"
          aria-describedby={`payment-hint${fields.gateway ? " gateway-error" : ""}`}
        >
          <legend className="font-medium">Payment</legend>
          <p id="payment-hint" className="text-sm text-slate-700">
            If this booking carries a fee (the club’s prices for guests, non-members, peak hours or
            floodlights), you pay it online on the next page: the amount is shown before you pay,
            and the court is held for you for 15 minutes.
          </p>
          <FieldError id="gateway-error" message={fields.gateway} />
          {paymentGateways.length > 1 ? (
            <div className="mt-1 flex flex-wrap gap-2">
              {paymentGateways.map((g, i) => (
                <label
                  key={`${state.status}:${g}`}
                  className="flex min-h-11 cursor-pointer items-center gap-2 rounded border border-slate-400 bg-white px-3 has-[:checked]:border-blue-800 has-[:checked]:bg-blue-50"
                >
                  <input
                    type="radio"
                    name="gateway"
                    value={g}
                    defaultChecked={values.gateway ? values.gateway === g : i === 0}
                    className="h-4 w-4"
                  />
                  {GATEWAY_LABELS[g]}
                </label>
              ))}
            </div>
          ) : (
            <input type="hidden" name="gateway" value={paymentGateways[0]} />
          )}
        </fieldset>
      ) : null}

      <button
        type="submit"
        disabled={pending}
        className="mt-6 min-h-11 rounded bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900 focus:ring-2 focus:ring-blue-500 focus:outline-none disabled:opacity-60"
      >
        {pending ? "Booking…" : submitLabel}
      </button>
    </form>
  );
}
