/**
 * Finds runs of 13–19 digits that pass the Luhn check: what a payment card number looks like.
 * Used by tests that scan the payment tables and logs to prove no card data is ever stored.
 * Digits may be grouped with spaces or dashes, as card numbers are often written.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * Candidates: a run of 13–19 digits not touching other digits, or digits written in the usual
 * groups (4-4-4-1..7 or the 4-6-5 of American Express) separated by single spaces or dashes and
 * not inside a longer hyphenated token (a UUID's groups are not a card number). Runs of one
 * repeated digit and runs starting with 0 are no card number (no issuer range starts with 0).
 * Nor is a run inside a hexadecimal token of 32 characters or more with letters in it: a hash,
 * checksum or key (a SHA-256 device hash often holds 13+ digits in a row).
 */
const CANDIDATES = [
  /(?<!\d)\d{13,19}(?!\d)/g,
  /(?<![\dA-Za-z-])\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}(?![\dA-Za-z-])/g,
  /(?<![\dA-Za-z-])\d{4}([ -])\d{6}\1\d{5}(?![\dA-Za-z-])/g,
];

const HEX = /[0-9a-fA-F]/;
const MIN_HEX_TOKEN = 32;

/** The run at [start, end) lies inside a long hexadecimal token that has letters. */
function insideHexToken(text: string, start: number, end: number): boolean {
  let a = start;
  let b = end;
  while (a > 0 && HEX.test(text[a - 1]!)) a--;
  while (b < text.length && HEX.test(text[b]!)) b++;
  return b - a >= MIN_HEX_TOKEN && /[a-fA-F]/.test(text.slice(a, b));
}

export function findCardNumbers(text: string): string[] {
  const found = new Set<string>();
  for (const re of CANDIDATES) {
    for (const m of text.matchAll(re)) {
      if (insideHexToken(text, m.index, m.index + m[0].length)) continue;
      const digits = m[0].replace(/[ -]/g, "");
      if (digits.length < 13 || digits.length > 19) continue;
      if (digits.startsWith("0") || /^(\d)\1+$/.test(digits)) continue;
      if (luhnValid(digits)) found.add(digits);
    }
  }
  return [...found];
}
