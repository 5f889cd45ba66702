"use client";

import { useEffect } from "react";
import {
  BoundForm,
  Field,
  FieldError,
  FormMessage,
  SubmitButton,
  useFormAction,
  type FormAction,
} from "@/components/forms/action-form";
import { IDLE } from "@/lib/form-state";

const GATEWAY_LABELS = {
  PAYPAL: "PayPal or card (via PayPal)",
  PAYBOX: "Card on the Paybox secure page",
} as const;

export type DurationOption = { minutes: number; label: string };

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
  const booking = useFormAction(action, IDLE);
  const { state, pending } = booking;
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
    <BoundForm
      bound={booking}
      hidden={{ club, courtId, startsAt, idempotencyKey }}
      describedBy="booking-summary"
      compact
    >
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
      {partners.map((p) => (
        <input key={p.userId} type="hidden" name="partnerIds" value={p.userId} />
      ))}

      <fieldset
        className="mt-4"
        aria-describedby={fields.durationMinutes ? "duration-error" : undefined}
      >
        <legend className="font-medium">How long?</legend>
        <FieldError id="duration-error" name="durationMinutes" />
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
          <FieldError id="guests-error" name="guests" />
          {Array.from({ length: guestSlots }, (_, i) => (
            <Field
              key={`guest${i + 1}`}
              name={`guest${i + 1}`}
              label={`Guest ${i + 1} name`}
              autoComplete="off"
              maxLength={120}
              narrow
            />
          ))}
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
          <FieldError id="gateway-error" name="gateway" />
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

      <SubmitButton className="mt-6 min-h-11">{pending ? "Booking…" : submitLabel}</SubmitButton>
    </BoundForm>
  );
}
