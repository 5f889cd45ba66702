import "server-only";
import { z } from "zod";
import {
  bookingFactRows,
  BookingFactsSchema,
  courtLabel,
  formatSlot,
  greeting,
} from "./booking-facts";
import { defineTemplate, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: (court: string, when: string) => string;
  byYou: string;
  byOther: (who: string) => string;
  byClub: string;
  reason: (reason: string) => string;
  calendar: string;
  action: string;
}> = {
  en: {
    subject: (court, when) => `Booking cancelled: ${court}, ${when}`,
    byYou: "You cancelled this booking.",
    byOther: (who) => `${who} cancelled this booking.`,
    byClub: "The club cancelled this booking.",
    reason: (reason) => `Reason given: ${reason}`,
    calendar: "The attached calendar file (.ics) removes it from your calendar.",
    action: "Book another court",
  },
  fr: {
    subject: (court, when) => `Réservation annulée : ${court}, ${when}`,
    byYou: "Vous avez annulé cette réservation.",
    byOther: (who) => `${who} a annulé cette réservation.`,
    byClub: "Le club a annulé cette réservation.",
    reason: (reason) => `Motif indiqué : ${reason}`,
    calendar: "Le fichier joint (.ics) la retire de votre agenda.",
    action: "Réserver un autre terrain",
  },
};

/** Cancellation notice to every member player of the booking (category booking: essential). */
export const bookingCancelledTemplate = defineTemplate({
  name: "booking-cancelled",
  schema: BookingFactsSchema.extend({
    name: z.string().max(120).optional(),
    /** Who cancelled: the recipient, another player (by name), or the club. */
    cancelledBy: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("self") }),
      z.object({ kind: z.literal("player"), name: z.string().min(1).max(120) }),
      z.object({ kind: z.literal("club") }),
    ]),
    reason: z.string().max(500).optional(),
    planningUrl: z.url({ protocol: /^https?$/ }),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    const by = data.cancelledBy;
    const intro =
      by.kind === "self" ? m.byYou : by.kind === "player" ? m.byOther(by.name) : m.byClub;
    const paragraphs = [intro];
    if (data.reason?.trim()) paragraphs.push(m.reason(data.reason.trim()));
    return {
      subject: m.subject(courtLabel(data, ctx.locale), formatSlot(data, ctx.locale)),
      preheader: intro,
      greeting: pick(greeting, ctx.locale)(data.name),
      paragraphs,
      facts: bookingFactRows(data, ctx.locale),
      action: { label: m.action, url: data.planningUrl },
      after: [m.calendar],
    };
  },
});
