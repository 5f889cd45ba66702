/** The state a form's server action returns (useActionState), shared by client and server. */
export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  /** Field name → message, from the same zod schema as the server. */
  fields?: Record<string, string>;
  /** Values to show again after an error (never passwords or codes). */
  values?: Record<string, string>;
  /** A list to show once on success (e.g. recovery codes). */
  list?: string[];
  /**
   * A page to load in full, not by a client-side navigation: the checkout, whose CSP (the payment
   * gateways' origins) only a full page load gets. The form loads it; without JavaScript the
   * message carries a plain link to it.
   */
  location?: string;
};

export const IDLE: FormState = { status: "idle" };
