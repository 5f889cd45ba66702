/**
 * Password length rules, apart from the breached-password lists of password-policy.ts so that
 * forms can import them without shipping those lists to the browser.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** Length in characters as a person counts them (code points after NFC normalisation). */
export function passwordLength(password: string): number {
  return [...password.normalize("NFC")].length;
}
