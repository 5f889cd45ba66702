import "server-only";
/**
 * sendBookingReminders — one pass of the reminder job (booking-reminder-job.ts): queues a reminder
 * to every member player of each confirmed booking that starts within the next `leadMinutes`,
 * once. Each booking is claimed by
 *   UPDATE booking SET reminder_sent_at = now WHERE reminder_sent_at IS NULL AND … RETURNING
 * in the same transaction as the enqueue: any number of workers may run this at once, and a
 * booking is reminded exactly once (a crash before commit leaves it unclaimed and unsent).
 * Rows locked by a concurrent cancellation are skipped (SKIP LOCKED) and looked at next pass.
 * A booking made shortly before its reminder time gets none (its confirmation just arrived): it is
 * still marked, so that it leaves the job's partial index.
 *
 *   sendBookingReminders(options?: { now?: Date; leadMinutes?: number; batchSize?: number })
 *     : Promise<{ claimed: number; emailed: number; skipped: number }>
 */
import { myBookingsPath } from "@/lib/booking-links";
import {
  bookingFacts,
  loadNotificationBooking,
  memberPlayers,
} from "@/server/bookings/booking-notification-data";
import { db } from "@/server/db";
import { enqueueEmail } from "@/server/mail/enqueue-email";
import { getMailConfig } from "@/server/mail/mail-config";

/** How long before the start the reminder goes out. */
export const REMINDER_LEAD_MINUTES = 180;
/** No reminder for a booking made less than this long before its reminder time. */
const QUIET_MINUTES = 60;

export async function sendBookingReminders(
  options: { now?: Date; leadMinutes?: number; batchSize?: number } = {},
): Promise<{ claimed: number; emailed: number; skipped: number }> {
  const now = options.now ?? new Date();
  const lead = options.leadMinutes ?? REMINDER_LEAD_MINUTES;
  const batch = options.batchSize ?? 50;
  const horizon = new Date(now.getTime() + lead * 60_000);
  const { appUrl } = getMailConfig();

  return db.$transaction(
    async (tx) => {
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        UPDATE booking b SET reminder_sent_at = ${now}
        FROM (
          SELECT id FROM booking
          WHERE status = 'CONFIRMED' AND reminder_sent_at IS NULL
            AND starts_at > ${now} AND starts_at <= ${horizon}
          ORDER BY starts_at
          LIMIT ${batch}
          FOR UPDATE SKIP LOCKED
        ) due
        WHERE b.id = due.id AND b.reminder_sent_at IS NULL AND b.status = 'CONFIRMED'
        RETURNING b.id::text AS id`;

      let emailed = 0;
      let skipped = 0;
      for (const { id } of claimed) {
        const booking = await loadNotificationBooking(tx, id);
        if (!booking) continue;
        const reminderTime = booking.startsAt.getTime() - lead * 60_000;
        if (booking.createdAt.getTime() > reminderTime - QUIET_MINUTES * 60_000) {
          skipped++;
          continue;
        }
        const facts = bookingFacts(booking);
        for (const player of memberPlayers(booking)) {
          await enqueueEmail(tx, {
            to: player.email,
            template: "booking-reminder",
            category: "reminders",
            locale: player.locale,
            clubId: booking.club.id,
            userId: player.id,
            data: {
              ...facts,
              name: player.name,
              bookingsUrl: `${appUrl}${myBookingsPath(booking.club.slug)}`,
            },
          });
          emailed++;
        }
      }
      return { claimed: claimed.length, emailed, skipped };
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
}
