import type { ComponentProps } from "react";
import { ActionForm } from "@/components/forms/action-form";
import type { BookingPrefill } from "@/lib/booking-links";
import { preferredDuration } from "@/lib/booking-page";
import { formatDuration } from "@/lib/booking-ui";

type FormAction = ComponentProps<typeof ActionForm>["action"];

/**
 * A taken slot on the booking page: the viewer's place on its waiting list (and leaving it), the
 * form to join it with a duration, or, for a non-member, that only members can wait.
 */
export function WaitlistPanel({
  clubSlug,
  slot,
  member,
  entry,
  durations,
  returnHref,
  joinAction,
  leaveAction,
}: {
  clubSlug: string;
  slot: BookingPrefill;
  member: boolean;
  /** The viewer's open entry for this slot, if any. */
  entry: { id: string; durationMinutes: number } | null;
  /** The durations of the court's sport, minutes. */
  durations: ReadonlyArray<number>;
  /** Where leaving the waiting list comes back to. */
  returnHref: string;
  joinAction: FormAction;
  leaveAction: FormAction;
}) {
  const defaultDuration = preferredDuration(slot.durationMinutes, durations);
  return (
    <section aria-labelledby="waitlist-heading" className="mt-6">
      <h2 id="waitlist-heading" className="text-xl font-semibold">
        This slot is taken
      </h2>
      {entry ? (
        <>
          <p role="status" className="mt-2 rounded border border-green-300 bg-green-50 p-3">
            You are on the waiting list for this slot ({formatDuration(entry.durationMinutes)}
            ). If it frees up, we will email you a link to book it: the first to confirm gets it.
          </p>
          <ActionForm action={leaveAction} submitLabel="Leave the waiting list" variant="secondary">
            <input type="hidden" name="entryId" value={entry.id} />
            <input type="hidden" name="next" value={returnHref} />
          </ActionForm>
        </>
      ) : member ? (
        <>
          <p className="mt-2">
            Join the waiting list: if the players cancel, we email you a link that opens this
            booking, prefilled. The first to confirm gets the court.
          </p>
          <ActionForm action={joinAction} submitLabel="Join the waiting list">
            <input type="hidden" name="club" value={clubSlug} />
            <input type="hidden" name="courtId" value={slot.courtId} />
            <input type="hidden" name="startsAt" value={slot.startsAt.toISOString()} />
            <fieldset className="mt-4">
              <legend className="font-medium">How long would you play?</legend>
              <div className="mt-1 flex flex-wrap gap-2">
                {durations.map((minutes) => (
                  <label
                    key={minutes}
                    className="flex min-h-11 items-center gap-2 rounded border border-slate-400 bg-white px-3"
                  >
                    <input
                      type="radio"
                      name="durationMinutes"
                      value={minutes}
                      defaultChecked={minutes === defaultDuration}
                      required
                      className="h-4 w-4"
                    />
                    {formatDuration(minutes)}
                  </label>
                ))}
              </div>
            </fieldset>
          </ActionForm>
        </>
      ) : (
        <p className="mt-2">Only members of this club can wait for a slot.</p>
      )}
    </section>
  );
}
