/**
 * The Paybox System (Verifone) hosted-page form, signed with PBX_HMAC (pure; docs/payments.md).
 * HMAC-SHA512 over `PBX_A=a&PBX_B=b…` in the order the fields are sent, values NOT URL-encoded,
 * keyed with the merchant's hex key decoded to bytes; uppercase hex. K (the signature of the IPN)
 * must be the last variable of PBX_RETOUR.
 */
import { createHmac } from "node:crypto";

/** ISO 4217 numeric codes for the currencies clubs use. */
export const ISO_NUMERIC_CURRENCY: Readonly<Record<string, string>> = {
  EUR: "978",
  CHF: "756",
  GBP: "826",
  USD: "840",
};

export const DEFAULT_PBX_RETOUR = "M:M;R:R;T:T;A:A;E:E;S:S;K:K";

export type PayboxFormInput = {
  site: string;
  rang: string;
  identifiant: string;
  /** Integer minor units. */
  amount: number;
  currency: string;
  /** Our payment reference (PBX_CMD), echoed back as R. */
  reference: string;
  /** The payer's email (PBX_PORTEUR). */
  email: string;
  retour?: string;
  time: Date;
  urls: { effectue: string; refuse: string; annule: string; attente?: string; repondreA: string };
  /** 3-D Secure 2 */
  totalQuantity: number;
  billing: {
    firstName: string;
    lastName: string;
    address1: string;
    zipCode: string;
    city: string;
    /** ISO 3166-1 numeric, e.g. 250 for France. */
    countryCode: string;
  };
  hmacKeyHex: string;
};

export type PayboxField = readonly [name: string, value: string];

function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

export function shoppingCartXml(totalQuantity: number): string {
  const q = Math.min(99, Math.max(1, Math.trunc(totalQuantity)));
  return `<?xml version="1.0" encoding="utf-8"?><shoppingcart><total><totalQuantity>${q}</totalQuantity></total></shoppingcart>`;
}

export function billingXml(b: PayboxFormInput["billing"]): string {
  const f = (s: string, max: number) => xml(s.trim().slice(0, max));
  return (
    `<?xml version="1.0" encoding="utf-8"?><Billing><Address>` +
    `<FirstName>${f(b.firstName, 30)}</FirstName><LastName>${f(b.lastName, 30)}</LastName>` +
    `<Address1>${f(b.address1, 50)}</Address1><ZipCode>${f(b.zipCode, 16)}</ZipCode>` +
    `<City>${f(b.city, 50)}</City><CountryCode>${f(b.countryCode, 3)}</CountryCode>` +
    `</Address></Billing>`
  );
}

/** Time without milliseconds, as Paybox documents it: 2026-11-27T05:00:00Z. */
export function pbxTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function payboxHmac(fields: readonly PayboxField[], hmacKeyHex: string): string {
  if (!/^[0-9a-fA-F]+$/.test(hmacKeyHex) || hmacKeyHex.length % 2 !== 0)
    throw new Error("The Paybox HMAC key must be hexadecimal");
  const message = fields.map(([k, v]) => `${k}=${v}`).join("&");
  return createHmac("sha512", Buffer.from(hmacKeyHex, "hex"))
    .update(message, "utf8")
    .digest("hex")
    .toUpperCase();
}

/** The hidden fields of the form, in order, PBX_HMAC last. */
export function buildPayboxForm(input: PayboxFormInput): PayboxField[] {
  const devise = ISO_NUMERIC_CURRENCY[input.currency];
  if (!devise) throw new Error(`Paybox: unsupported currency ${input.currency}`);
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    throw new Error("Paybox: the amount must be a positive integer of minor units");
  const retour = input.retour ?? DEFAULT_PBX_RETOUR;
  if (!/(^|;)K:K$/.test(retour))
    throw new Error("Paybox: K must be the last variable of PBX_RETOUR");
  for (const [name, v] of Object.entries({ reference: input.reference, email: input.email }))
    if (/[&=]/.test(v)) throw new Error(`Paybox: ${name} must not contain & or =`);

  const fields: PayboxField[] = [
    ["PBX_SITE", input.site],
    ["PBX_RANG", input.rang],
    ["PBX_IDENTIFIANT", input.identifiant],
    ["PBX_TOTAL", String(input.amount)],
    ["PBX_DEVISE", devise],
    ["PBX_CMD", input.reference],
    ["PBX_PORTEUR", input.email],
    ["PBX_RETOUR", retour],
    ["PBX_HASH", "SHA512"],
    ["PBX_TIME", pbxTime(input.time)],
    ["PBX_EFFECTUE", input.urls.effectue],
    ["PBX_REFUSE", input.urls.refuse],
    ["PBX_ANNULE", input.urls.annule],
    ...(input.urls.attente ? [["PBX_ATTENTE", input.urls.attente] as const] : []),
    ["PBX_REPONDRE_A", input.urls.repondreA],
    ["PBX_SHOPPINGCART", shoppingCartXml(input.totalQuantity)],
    ["PBX_BILLING", billingXml(input.billing)],
  ];
  return [...fields, ["PBX_HMAC", payboxHmac(fields, input.hmacKeyHex)]];
}
