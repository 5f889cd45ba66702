import "server-only";
import type { z } from "zod";

/**
 * The one layout of every email. A template returns structured content (EmailContent) and this
 * file turns it into both the HTML and the plain-text version, so the two never disagree.
 * No remote images, no tracking pixels, no scripts: only text, one button link and a footer.
 */
export type EmailContent = {
  subject: string;
  /** Short preview text shown by mail clients after the subject. */
  preheader?: string;
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Paragraphs after the button (expiry, "if this was not you…"). */
  after?: string[];
  /** Key/value facts shown as a small table (time, device, IP…). */
  facts?: Array<[string, string]>;
};

export type RenderContext = {
  locale: string;
  clubName: string | null;
  /** Present for optional categories: one-click unsubscribe URL (also in List-Unsubscribe). */
  unsubscribeUrl?: string;
  /** Present for optional categories: the recipient's email-preferences page. */
  preferencesUrl?: string;
};

export type RenderedEmail = { subject: string; html: string; text: string };

export type EmailTemplate<S extends z.ZodType> = {
  name: string;
  schema: S;
  render(data: z.output<S>, ctx: RenderContext): EmailContent;
};

export function defineTemplate<S extends z.ZodType>(template: EmailTemplate<S>): EmailTemplate<S> {
  return template;
}

/** A message catalogue: English is required and is the fallback of every other locale. */
export type Catalogue<M> = { en: M } & Partial<Record<string, M>>;

export function pick<M>(catalogue: Catalogue<M>, locale: string): M {
  const lang = locale.toLowerCase().split(/[-_]/)[0] ?? "en";
  return catalogue[locale] ?? catalogue[lang] ?? catalogue.en;
}

const LAYOUT: Catalogue<{
  sentBy: (club: string | null) => string;
  unsubscribe: string;
  preferences: string;
  buttonFallback: string;
}> = {
  en: {
    sentBy: (club) => (club ? `Sent by Courtside on behalf of ${club}.` : "Sent by Courtside."),
    unsubscribe: "Unsubscribe from these emails",
    preferences: "Email preferences",
    buttonFallback: "If the button does not work, copy this address into your browser:",
  },
  fr: {
    sentBy: (club) => (club ? `Envoyé par Courtside pour ${club}.` : "Envoyé par Courtside."),
    unsubscribe: "Se désabonner de ces emails",
    preferences: "Préférences d'emails",
    buttonFallback: "Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :",
  },
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function safeUrl(url: string): string {
  // Only absolute http(s) links reach an email; anything else is a template bug.
  if (!/^https?:\/\//i.test(url))
    throw new Error(`Refusing a non-http(s) link in an email: ${url}`);
  return url;
}

export function renderLayout(content: EmailContent, ctx: RenderContext): RenderedEmail {
  const t = pick(LAYOUT, ctx.locale);
  const lang = escapeHtml(ctx.locale);
  const p = (s: string) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(s)}</p>`;
  const html: string[] = [
    "<!doctype html>",
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="margin:0;padding:0;background:#f8fafc;color:#0f172a;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:16px">',
  ];
  if (content.preheader) {
    html.push(
      `<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preheader)}</div>`,
    );
  }
  html.push('<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff">');
  if (ctx.clubName)
    html.push(
      `<p style="margin:0 0 24px;font-weight:700;font-size:18px">${escapeHtml(ctx.clubName)}</p>`,
    );
  if (content.greeting) html.push(p(content.greeting));
  for (const para of content.paragraphs) html.push(p(para));
  if (content.facts?.length) {
    html.push('<table role="presentation" style="margin:0 0 16px;border-collapse:collapse">');
    for (const [k, v] of content.facts) {
      html.push(
        `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;font-weight:600">${escapeHtml(k)}</th><td style="padding:2px 0">${escapeHtml(v)}</td></tr>`,
      );
    }
    html.push("</table>");
  }
  if (content.action) {
    const href = escapeHtml(safeUrl(content.action.url));
    html.push(
      `<p style="margin:24px 0"><a href="${href}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(content.action.label)}</a></p>`,
      `<p style="margin:0 0 16px;font-size:14px;color:#475569">${escapeHtml(t.buttonFallback)}<br><a href="${href}" style="color:#1d4ed8;word-break:break-all">${href}</a></p>`,
    );
  }
  for (const para of content.after ?? []) html.push(p(para));
  html.push('<hr style="border:none;border-top:1px solid #e2e8f0;margin:24px 0">');
  html.push(
    `<p style="margin:0 0 8px;font-size:13px;color:#64748b">${escapeHtml(t.sentBy(ctx.clubName))}</p>`,
  );
  if (ctx.unsubscribeUrl || ctx.preferencesUrl) {
    const links: string[] = [];
    if (ctx.unsubscribeUrl)
      links.push(
        `<a href="${escapeHtml(safeUrl(ctx.unsubscribeUrl))}" style="color:#64748b">${escapeHtml(t.unsubscribe)}</a>`,
      );
    if (ctx.preferencesUrl)
      links.push(
        `<a href="${escapeHtml(safeUrl(ctx.preferencesUrl))}" style="color:#64748b">${escapeHtml(t.preferences)}</a>`,
      );
    html.push(`<p style="margin:0;font-size:13px;color:#64748b">${links.join(" · ")}</p>`);
  }
  html.push("</div></body></html>");

  const text: string[] = [];
  if (ctx.clubName) text.push(ctx.clubName, "");
  if (content.greeting) text.push(content.greeting, "");
  for (const para of content.paragraphs) text.push(para, "");
  if (content.facts?.length) {
    for (const [k, v] of content.facts) text.push(`${k}: ${v}`);
    text.push("");
  }
  if (content.action) text.push(`${content.action.label}:`, safeUrl(content.action.url), "");
  for (const para of content.after ?? []) text.push(para, "");
  text.push("--", t.sentBy(ctx.clubName));
  if (ctx.unsubscribeUrl) text.push(`${t.unsubscribe}: ${ctx.unsubscribeUrl}`);
  if (ctx.preferencesUrl) text.push(`${t.preferences}: ${ctx.preferencesUrl}`);

  return {
    subject: content.subject.replace(/[\r\n]+/g, " ").trim(),
    html: html.join("\n"),
    text: text.join("\n") + "\n",
  };
}

/** Formats an instant for a recipient: their locale, the club's time zone (UTC without one). */
export function formatInstant(iso: string, locale: string, timeZone = "UTC"): string {
  const d = new Date(iso);
  try {
    return new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    }).format(d);
  } catch {
    return d.toISOString();
  }
}
