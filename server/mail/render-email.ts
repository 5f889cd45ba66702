import "server-only";
import type { z } from "zod";
import { AppError, parseInput } from "@/server/errors";
import { accountNoticeTemplate } from "./templates/account-notice";
import { bookingCancelledTemplate } from "./templates/booking-cancelled";
import { bookingConfirmedTemplate } from "./templates/booking-confirmed";
import { bookingReminderTemplate } from "./templates/booking-reminder";
import { clubAnnouncementTemplate } from "./templates/club-announcement";
import { renderLayout, type RenderContext, type RenderedEmail } from "./templates/layout";
import { lockoutNoticeTemplate } from "./templates/lockout-notice";
import { memberInvitationTemplate } from "./templates/member-invitation";
import { newDeviceSignInTemplate } from "./templates/new-device-sign-in";
import { operatorAlertTemplate } from "./templates/operator-alert";
import { passwordResetTemplate } from "./templates/password-reset";
import { paymentNoticeTemplate } from "./templates/payment-notice";
import { securityAlertTemplate } from "./templates/security-alert";
import { verifyEmailTemplate } from "./templates/verify-email";
import { waitlistOfferTemplate } from "./templates/waitlist-offer";

/** Every template, by name. Feature issues register theirs here (booking confirmation, reminder…). */
const TEMPLATES = {
  "verify-email": verifyEmailTemplate,
  "password-reset": passwordResetTemplate,
  "lockout-notice": lockoutNoticeTemplate,
  "new-device-sign-in": newDeviceSignInTemplate,
  "security-alert": securityAlertTemplate,
  "operator-alert": operatorAlertTemplate,
  "club-announcement": clubAnnouncementTemplate,
  "account-notice": accountNoticeTemplate,
  "booking-confirmed": bookingConfirmedTemplate,
  "booking-cancelled": bookingCancelledTemplate,
  "booking-reminder": bookingReminderTemplate,
  "waitlist-offer": waitlistOfferTemplate,
  "member-invitation": memberInvitationTemplate,
  "payment-notice": paymentNoticeTemplate,
} as const;

export type TemplateName = keyof typeof TEMPLATES;
/** The data a template takes (its zod schema's input: defaults may be omitted). */
export type TemplateData<T extends TemplateName> = z.input<(typeof TEMPLATES)[T]["schema"]>;

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(TEMPLATES, name);
}

/** Validates the data of a template and renders subject, HTML and text from one source. */
export function renderEmail<T extends TemplateName>(
  template: T,
  data: TemplateData<T>,
  ctx: RenderContext,
): RenderedEmail {
  const def = TEMPLATES[template];
  if (!def) throw new AppError("BAD_REQUEST", `Unknown email template ${String(template)}`);
  const parsed = parseInput(def.schema, data);
  // The registry is keyed by name, so `def` and `parsed` always belong together; TypeScript
  // cannot correlate the union, hence the narrow cast of the render function.
  const render = def.render as (d: unknown, c: RenderContext) => ReturnType<typeof def.render>;
  return renderLayout(render(parsed, ctx), ctx);
}
