import "server-only";
import { z } from "zod";
import {
  bookingFactRows,
  BookingFactsSchema,
  courtLabel,
  formatSlot,
  greeting,
} from "./booking-facts";
import { defineTemplate, formatInstant, pick, type Catalogue } from "./layout";

const messages: Catalogue<{
  subject: (court: string, when: string) => string;
  booker: string;
  partner: (booker: string) => string;
  action: string;
  calendar: string;
  cancelBefore: (when: string) => string;
}> = {
  en: {
    subject: (court, when) => `Booking confirmed: ${court}, ${when}`,
    booker: "Your booking is confirmed.",
    partner: (booker) => `${booker} booked a court and named you as a player.`,
    action: "See my bookings",
    calendar: "The attached calendar file (.ics) adds it to your calendar.",
    cancelBefore: (when) => `You can cancel it until ${when}.`,
  },
  fr: {
    subject: (court, when) => `Réservation confirmée : ${court}, ${when}`,
    booker: "Votre réservation est confirmée.",
    partner: (booker) => `${booker} a réservé un terrain et vous a inscrit comme joueur.`,
    action: "Voir mes réservations",
    calendar: "Le fichier joint (.ics) l'ajoute à votre agenda.",
    cancelBefore: (when) => `Vous pouvez l'annuler jusqu'au ${when}.`,
  },
};

/** Booking confirmation to the booker and to each named partner (category booking: essential). */
export const bookingConfirmedTemplate = defineTemplate({
  name: "booking-confirmed",
  schema: BookingFactsSchema.extend({
    name: z.string().max(120).optional(),
    /** Set when the recipient is a partner: who booked. */
    bookedBy: z.string().min(1).max(120).optional(),
    cancelDeadline: z.iso.datetime({ offset: true }).optional(),
    bookingsUrl: z.url({ protocol: /^https?$/ }),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    const when = formatSlot(data, ctx.locale);
    const after = [m.calendar];
    if (data.cancelDeadline)
      after.push(m.cancelBefore(formatInstant(data.cancelDeadline, ctx.locale, data.timeZone)));
    const intro = data.bookedBy ? m.partner(data.bookedBy) : m.booker;
    return {
      subject: m.subject(courtLabel(data, ctx.locale), when),
      preheader: intro,
      greeting: pick(greeting, ctx.locale)(data.name),
      paragraphs: [intro],
      facts: bookingFactRows(data, ctx.locale),
      action: { label: m.action, url: data.bookingsUrl },
      after,
    };
  },
});
