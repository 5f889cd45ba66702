import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { formControlCharacterField } from "@/lib/hostile-input";
import { findProbeInFields } from "@/lib/security/probe-signatures";
import { appOrigin } from "@/server/auth/auth-settings";
import { clientIp } from "@/server/auth/request-context";
import { AppError } from "@/server/errors";
import { logger } from "@/server/logger";
import { recordBodyProbe } from "@/server/security/record-request-probe";

/** Fields whose values are never sent back to the browser. */
const SECRET_FIELD = /password|code|token|secret/i;

export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !k.startsWith("$") && !SECRET_FIELD.test(k))
      out[k] = v.slice(0, 500);
  }
  return out;
}

/** A form field's text; "" when the field is missing or a file. */
export function formText(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
}

export function formObject(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries())
    if (typeof v === "string" && !k.startsWith("$")) out[k] = v;
  return out;
}

/** The path of the page a form was posted from (same origin only), or null. */
function refererPath(h: Headers): string | null {
  const referer = h.get("referer");
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return url.origin === appOrigin() ? url.pathname : null;
  } catch {
    return null;
  }
}

/**
 * Records the first injection probe in the form's fields (secret fields are not scanned) as a
 * security signal. Never throws, changes nothing about the action.
 */
async function recordFormProbe(formData: FormData): Promise<void> {
  const probe = findProbeInFields(formData.entries());
  if (!probe) return;
  let h: Headers | null = null;
  try {
    h = await headers();
  } catch {
    // Not inside a request: recorded without route and source.
  }
  await recordBodyProbe(probe, {
    route: h ? refererPath(h) : null,
    source: h ? clientIp(h) : null,
  });
}

/**
 * Runs a form's use case and turns AppErrors into form state naming each field. Next.js control
 * flow (redirect, notFound) passes through; anything else is logged and shown generically.
 */
export async function runFormAction(
  formData: FormData,
  fn: () => Promise<FormState>,
): Promise<FormState> {
  await recordFormProbe(formData);
  try {
    // The one boundary of every form: a NUL (which PostgreSQL text refuses) or another control
    // character in any field is refused naming it, before any use case runs
    // (docs/decisions/016-hostile-input.md).
    const field = formControlCharacterField(formData.entries());
    if (field !== null) {
      throw new AppError("BAD_REQUEST", `${field}: contains a control character`, {
        [field]: "contains a control character",
      });
    }
    return await fn();
  } catch (err) {
    unstable_rethrow(err);
    const values = formValues(formData);
    if (err instanceof AppError) {
      if (err.code === "BAD_REQUEST" || err.code === "CONFLICT" || err.code === "UNPROCESSABLE") {
        const message = Object.keys(err.fields).length
          ? "Please correct the fields marked below."
          : err.message;
        return { status: "error", message, fields: err.fields, values };
      }
      if (err.code === "RATE_LIMITED") return { status: "error", message: err.message, values };
      // Authorization failures are not form errors: they surface as such.
      throw err;
    }
    logger.error({ err }, "form action failed");
    return {
      status: "error",
      message: "Something went wrong on our side. Please try again.",
      values,
    };
  }
}
