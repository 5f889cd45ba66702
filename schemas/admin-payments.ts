/**
 * Input schemas of the club admin's payments screens (ADR 011, 012), shared by the
 * forms and the use cases in server/admin/payments/. Forms post strings. Amounts are typed as
 * decimals in the club's currency ("12.50") and turned into integer minor units by the use case
 * (lib/pricing.ts parseMoney), which knows the currency. Secret fields are named …Secret so that
 * the form kit never sends them back to the browser (server/forms/run-form-action.ts).
 */
import { z } from "zod";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const Id = (what: string) =>
  z
    .string({ error: `Choose a ${what} from the list.` })
    .regex(UUID_RE, `Choose a ${what} from the list.`)
    .transform((v) => v.toLowerCase());

export const PAYMENT_STATUS_FILTERS = [
  "PENDING",
  "PAID",
  "FAILED",
  "EXPIRED",
  "REFUND_PENDING",
  "REFUNDED",
  "PARTIALLY_REFUNDED",
] as const;

/** The list's filters (query string): anything malformed is ignored rather than refused. */
export const PaymentListQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((v) =>
      (PAYMENT_STATUS_FILTERS as readonly string[]).includes(v ?? "")
        ? (v as (typeof PAYMENT_STATUS_FILTERS)[number])
        : null,
    ),
  attention: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on" || v === "true"),
  page: z
    .string()
    .optional()
    .transform((v) => {
      const n = Number(v);
      return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
    }),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

/** A decimal amount as typed, e.g. "12.50" (checked against the currency by the use case). */
const AmountText = z
  .string({ error: "Enter an amount such as 12.50." })
  .trim()
  .regex(/^\d{1,7}([.,]\d{1,3})?$/, "Enter an amount such as 12.50.");

const Note = z
  .string()
  .trim()
  .max(500, "Use at most 500 characters.")
  .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Use plain text.")
  .optional()
  .transform((v) => (v ? v : null));

/** A refund of a paid payment: blank amount = everything that remains refundable. */
export const AdminRefundInput = z.object({
  paymentId: Id("payment"),
  amount: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^\d{1,7}([.,]\d{1,3})?$/.test(v), "Enter an amount such as 12.50.")
    .transform((v) => (v ? v : null)),
  reason: z
    .string({ error: "Say why the money goes back." })
    .trim()
    .min(1, "Say why the money goes back.")
    .max(150, "Use at most 150 characters.")
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Use plain text."),
  /** Generated when the form is drawn: the same form submitted twice queues one refund. */
  requestKey: z
    .string({ error: "Reload the page and try again." })
    .regex(UUID_RE, "Reload the page and try again."),
});

/** Confirms that a MANUAL (or FAILED) refund was paid back outside Courtside. */
export const MarkRefundManualInput = z.object({
  refundId: Id("refund"),
  amount: AmountText,
  note: Note,
});

export const RetryRefundInput = z.object({ refundId: Id("refund") });

// ── Gateway settings ───────────────────────────────────────────────────────────────────────────

const Checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

const Mode = z.enum(["SANDBOX", "LIVE"], { error: "Choose sandbox or live." });

const OptionalUrl = z
  .string()
  .trim()
  .max(300, "Use at most 300 characters.")
  .optional()
  .refine((v) => {
    if (!v) return true;
    try {
      const u = new URL(v);
      return u.protocol === "https:" || u.protocol === "http:";
    } catch {
      return false;
    }
  }, "Enter a full URL such as https://example.com/path, or leave it blank.")
  .transform((v) => (v ? v : null));

/** Blank keeps the stored secret. */
const OptionalSecret = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v.length <= max, `Use at most ${max} characters.`)
    .transform((v) => (v ? v : null));

export const PaypalGatewayInput = z.object({
  enabled: Checkbox,
  mode: Mode,
  clientId: z
    .string({ error: "Enter the PayPal client id." })
    .trim()
    .min(1, "Enter the PayPal client id.")
    .max(200, "Use at most 200 characters."),
  webhookId: z
    .string({ error: "Enter the webhook id shown in the PayPal dashboard." })
    .trim()
    .regex(/^[A-Za-z0-9-]{1,50}$/, "Enter the webhook id shown in the PayPal dashboard."),
  clientSecret: OptionalSecret(500),
  apiBaseUrl: OptionalUrl,
});
export type PaypalGatewayInput = z.infer<typeof PaypalGatewayInput>;

export const PayboxGatewayInput = z.object({
  enabled: Checkbox,
  mode: Mode,
  site: z
    .string({ error: "The site number has 7 digits." })
    .trim()
    .regex(/^\d{7}$/, "The site number has 7 digits."),
  rang: z
    .string({ error: "The rang has 2 or 3 digits." })
    .trim()
    .regex(/^\d{2,3}$/, "The rang has 2 or 3 digits."),
  identifiant: z
    .string({ error: "The identifiant has 1 to 9 digits." })
    .trim()
    .regex(/^\d{1,9}$/, "The identifiant has 1 to 9 digits."),
  /** The HMAC key, hex (Paybox back office). */
  hmacSecret: OptionalSecret(1024).refine(
    (v) => v === null || /^([0-9a-fA-F]{2}){16,}$/.test(v),
    "The HMAC key is the hexadecimal key from the Paybox back office (at least 32 digits).",
  ),
  publicKeyPem: z
    .string({ error: "Paste Paybox's public key (PEM)." })
    .trim()
    .min(1, "Paste Paybox's public key (PEM).")
    .max(5000, "A public key is shorter than that."),
  pageUrl: OptionalUrl,
  directEnabled: Checkbox,
  /** The Paybox Direct key ("CLE"), for refunds. */
  directSecret: OptionalSecret(100).refine(
    (v) => v === null || /^[\x21-\x7e]{1,100}$/.test(v),
    "The Paybox Direct key is printable characters without spaces.",
  ),
  directUrl: OptionalUrl,
});
export type PayboxGatewayInput = z.infer<typeof PayboxGatewayInput>;

// ── Refund policy ──────────────────────────────────────────────────────────────────────────────

const MAX_NOTICE_HOURS = 8760; // 525 600 minutes: one year

const Hours = (label: string) =>
  z
    .string({ error: `Enter ${label} in hours, e.g. 24.` })
    .trim()
    .regex(/^\d{1,4}([.,]\d{1,2})?$/, `Enter ${label} in hours, e.g. 24 or 1.5.`)
    .transform((v) => Math.round(Number(v.replace(",", ".")) * 60))
    .refine((m) => m <= MAX_NOTICE_HOURS * 60, `At most ${MAX_NOTICE_HOURS} hours (a year).`);

export const RefundPolicyInput = z
  .object({
    fullNoticeHours: Hours("the notice for a full refund"),
    partialNoticeHours: Hours("the notice for a partial refund"),
    partialPercent: z
      .string({ error: "Enter a percentage from 0 to 100." })
      .trim()
      .regex(/^\d{1,3}$/, "Enter a whole percentage from 0 to 100.")
      .transform(Number)
      .refine((n) => n <= 100, "Enter a whole percentage from 0 to 100."),
  })
  .superRefine((v, ctx) => {
    if (v.partialNoticeHours > v.fullNoticeHours)
      ctx.addIssue({
        code: "custom",
        path: ["partialNoticeHours"],
        message: "The partial-refund notice cannot be longer than the full-refund notice.",
      });
  })
  .transform((v) => ({
    refundFullNoticeMinutes: v.fullNoticeHours,
    refundPartialNoticeMinutes: v.partialNoticeHours,
    refundPartialPercent: v.partialPercent,
  }));
export type RefundPolicyInput = z.infer<typeof RefundPolicyInput>;
