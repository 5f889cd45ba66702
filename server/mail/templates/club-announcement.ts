import "server-only";
import { z } from "zod";
import { defineTemplate, pick, type Catalogue } from "./layout";

const messages: Catalogue<{ greeting: (name?: string) => string }> = {
  en: { greeting: (name) => (name ? `Hello ${name},` : "Hello,") },
  fr: { greeting: (name) => (name ? `Bonjour ${name},` : "Bonjour,") },
};

/** Club news written by a manager (category club_news: optional, with one-click unsubscribe). */
export const clubAnnouncementTemplate = defineTemplate({
  name: "club-announcement",
  schema: z.object({
    name: z.string().max(120).optional(),
    title: z.string().min(1).max(150),
    paragraphs: z.array(z.string().min(1).max(2000)).min(1).max(20),
    link: z
      .object({ label: z.string().min(1).max(60), url: z.url({ protocol: /^https?$/ }) })
      .optional(),
  }),
  render(data, ctx) {
    const m = pick(messages, ctx.locale);
    return {
      subject: data.title,
      greeting: m.greeting(data.name),
      paragraphs: data.paragraphs,
      ...(data.link ? { action: data.link } : {}),
    };
  },
});
