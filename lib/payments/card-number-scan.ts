/**
 * Finds runs of 13–19 digits that pass the Luhn check: what a payment card number looks like.
 * Used by tests that scan the payment tables and logs to prove no card data is ever stored.
 * Digits may be separated by single spaces or dashes, as card numbers are often written.
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

export function findCardNumbers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\d(?:[ -]?\d){12,}/g)) {
    const digits = m[0].replace(/[ -]/g, "");
    // Every 13–19 digit window of a longer run, so that a number glued to other digits is found.
    for (let len = 13; len <= Math.min(19, digits.length); len++) {
      for (let i = 0; i + len <= digits.length; i++) {
        const candidate = digits.slice(i, i + len);
        if (luhnValid(candidate)) found.push(candidate);
      }
    }
  }
  return [...new Set(found)];
}
