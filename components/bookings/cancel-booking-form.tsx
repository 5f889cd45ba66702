"use client";

import {
  BoundForm,
  Field,
  FormMessage,
  SubmitButton,
  useFormAction,
  type FormAction,
} from "@/components/forms/action-form";
import { IDLE } from "@/lib/form-state";

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
  const cancel = useFormAction(action, IDLE);
  const { state } = cancel;
  return (
    <details className="mt-2" open={state.status === "error" ? true : undefined}>
      <summary className="inline-flex min-h-11 cursor-pointer items-center rounded px-1 font-medium text-red-800 underline focus:ring-2 focus:ring-blue-600 focus:outline-none">
        Cancel this booking<span className="sr-only">: {what}</span>
      </summary>
      <BoundForm bound={cancel} hidden={{ club, bookingId, next }} className="mt-2 max-w-md">
        <FormMessage state={state} />
        <Field
          name="reason"
          id={`cancel-${bookingId}-reason`}
          label="Reason (optional, told to the other players)"
          maxLength={500}
        />
        <SubmitButton variant="danger" className="mt-3 min-h-11">
          Yes, cancel it<span className="sr-only">: {what}</span>
        </SubmitButton>
      </BoundForm>
    </details>
  );
}
