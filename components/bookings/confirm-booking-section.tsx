import type { ComponentProps } from "react";
import { BookingForm } from "@/components/bookings/booking-form";
import type { BookingPrefill } from "@/lib/booking-links";
import { durationChoices, guestSlotCount, preferredDuration } from "@/lib/booking-page";
import { formatClock } from "@/lib/booking-ui";

type FormProps = ComponentProps<typeof BookingForm>;

/** Step 2 of the booking page: the booking form of a bookable slot (duration, guests, payment). */
export function ConfirmBookingSection({
  action,
  club,
  slot,
  court,
  durations,
  partners,
  paymentGateways,
  idempotencyKey,
  zone,
}: Pick<FormProps, "action" | "club" | "partners" | "paymentGateways" | "idempotencyKey"> & {
  slot: BookingPrefill;
  court: { name: string; playerCounts: ReadonlyArray<number> };
  /** The durations the viewer may book from this slot, minutes. */
  durations: number[];
  zone: string;
}) {
  return (
    <section aria-labelledby="confirm-heading" className="mt-8">
      <h2 id="confirm-heading" className="text-xl font-semibold">
        2. Duration, guests and confirmation
      </h2>
      <BookingForm
        action={action}
        club={club}
        courtId={slot.courtId}
        startsAt={slot.startsAt.toISOString()}
        idempotencyKey={idempotencyKey}
        durations={durationChoices(slot.startsAt, durations, zone)}
        defaultDuration={preferredDuration(slot.durationMinutes, durations)!}
        partners={partners}
        guestSlots={guestSlotCount(court.playerCounts, partners.length)}
        paymentGateways={paymentGateways}
        submitLabel={`Confirm booking of ${court.name} at ${formatClock(slot.startsAt, zone)}`}
      />
    </section>
  );
}
