/**
 * PayPal amounts are decimal strings ("15.00"); ours are integer minor units. Currencies without
 * minor units in PayPal's list (JPY, HUF, TWD) use no decimals.
 */
const ZERO_DECIMAL = new Set(["JPY", "HUF", "TWD"]);

export function toPaypalValue(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor) || minor < 0)
    throw new Error("amount must be integer minor units");
  if (ZERO_DECIMAL.has(currency)) return String(minor);
  return `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

/** Parses a PayPal value strictly; undefined when it is not a plain decimal of the currency. */
export function fromPaypalValue(value: string, currency: string): number | undefined {
  const m = ZERO_DECIMAL.has(currency)
    ? /^(\d{1,12})$/.exec(value)
    : /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(value);
  if (!m) return undefined;
  if (ZERO_DECIMAL.has(currency)) return Number(m[1]);
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}
