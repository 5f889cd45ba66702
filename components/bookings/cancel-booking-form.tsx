"use client";

import { useActionState } from "react";
import { FormMessage } from "@/components/forms/action-form";
import { IDLE, type FormState } from "@/lib/form-state";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Cancel one booking, with an optional reason told to the other players. Inside a disclosure so
 * that cancelling takes a deliberate second step; works without JavaScript (native POST).
 */
export function CancelBookingForm({
  action,
  club,
  bookingId,
  next,
  what,
}: {
  action: FormAction;
  club: string;
  bookingId: string;
  /** The page to come back to. */
  next: string;
  /** The booking in words, for screen readers ("Court 1, Saturday 14 June 2026, 10:00–11:00"). */
  what: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = `cancel-${bookingId}`;
  const error = state.fields?.reason;
  return (
    <details className="mt-2" open={state.status === "error" ? true : undefined}>
      <summary className="inline-flex min-h-11 cursor-pointer items-center rounded px-1 font-medium text-red-800 underline focus:ring-2 focus:ring-blue-600 focus:outline-none">
        Cancel this booking<span className="sr-only">: {what}</span>
      </summary>
      <form action={formAction} method="post" aria-busy={pending} className="mt-2 max-w-md">
        <FormMessage state={state} />
        <input type="hidden" name="club" value={club} />
        <input type="hidden" name="bookingId" value={bookingId} />
        <input type="hidden" name="next" value={next} />
        <label htmlFor={`${id}-reason`} className="mt-2 block font-medium">
          Reason (optional, told to the other players)
        </label>
        {error ? (
          <p id={`${id}-reason-error`} className="text-sm font-medium text-red-700">
            {error}
          </p>
        ) : null}
        <input
          id={`${id}-reason`}
          name="reason"
          type="text"
          maxLength={500}
          defaultValue={state.values?.reason}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-reason-error` : undefined}
          className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
        />
        <button
          type="submit"
          disabled={pending}
          className="mt-3 min-h-11 rounded bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-800 focus:ring-2 focus:ring-blue-500 focus:outline-none disabled:opacity-60"
        >
          Yes, cancel it<span className="sr-only">: {what}</span>
        </button>
      </form>
    </details>
  );
}
