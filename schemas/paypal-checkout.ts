/**
 * Input of the PayPal checkout routes (app/api/payments/[paymentId]/paypal/…): the payment id of
 * the URL and the PayPal order id the browser's button or card fields approved. Messages name the
 * problem; the field name comes from the path (fromZodIssues in server/errors.ts).
 */
import { z } from "zod";
import { Uuid } from "@/schemas/booking";

export const PaypalPaymentParams = z.object({ paymentId: Uuid });

/** PayPal order ids are short upper-case alphanumeric strings (e.g. 5O190127TN364715T). */
export const PaypalOrderId = z
  .string({ error: "must be the PayPal order id (text)" })
  .regex(/^[A-Za-z0-9-]{1,64}$/, "must be a PayPal order id (letters, digits and dashes)");

export const PaypalCaptureInput = z.object(
  { orderId: PaypalOrderId },
  { error: "must be an object" },
);
