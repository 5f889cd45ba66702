/**
 * Password rules (ADR 002; NIST SP 800-63B): 12 to 128 characters of any kind, no composition
 * rules, no periodic rotation; refused when common or breached (lib/auth/common-passwords.ts),
 * made of one repeated or sequential pattern, or built from the user's own email or name.
 */
import { dictionary } from "@zxcvbn-ts/language-common";
import { BREACHED_PASSWORDS, COMMON_BASE_WORDS } from "./common-passwords";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from "./password-length";

/**
 * zxcvbn's list of the ~49,000 most common passwords of public breach corpora (shipped in the
 * @zxcvbn-ts/language-common package, no network call), on top of our own list. Its purely
 * alphabetic entries of 6+ letters also count as base words ("sunshine" refuses "Sunshine2026!!").
 */
const zxcvbnCommon = (dictionary as Record<string, readonly string[]>)["passwords-common"] ?? [];
const breached = new Set([...BREACHED_PASSWORDS, ...zxcvbnCommon]);
const baseWords = new Set([
  ...COMMON_BASE_WORDS,
  ...zxcvbnCommon.filter((w) => w.length >= 6 && /^[a-z]+$/.test(w)),
]);

/** How many passwords the shipped lists hold (reported by tests and the security notes). */
export const BREACHED_LIST_SIZE = breached.size;

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "!": "i",
};

function deleet(s: string): string {
  return [...s].map((c) => LEET[c] ?? c).join("");
}

/** The password's core once digits, symbols and spaces are stripped from both ends. */
function core(s: string): string {
  return s.replace(/^[^\p{L}]+/u, "").replace(/[^\p{L}]+$/u, "");
}

/** True when s is one unit repeated (e.g. "abcabcabcabc", "aaaaaaaaaaaa"). */
function isRepetition(s: string): { unit: string } | null {
  for (let size = 1; size <= s.length / 2; size++) {
    if (s.length % size !== 0) continue;
    const unit = s.slice(0, size);
    if (unit.repeat(s.length / size) === s) return { unit };
  }
  return null;
}

/** True when every character is the previous one plus or minus one (e.g. "123456789012"). */
function isSequential(s: string): boolean {
  const codes = [...s].map((c) => c.codePointAt(0)!);
  if (codes.length < 4) return false;
  const stepOk = (step: number) =>
    codes.every((c, i) => {
      if (i === 0) return true;
      const prev = codes[i - 1]!;
      // Digits wrap around: …8901… and …1098….
      return (
        c - prev === step ||
        (step === 1 && prev === 57 && c === 48) ||
        (step === -1 && prev === 48 && c === 57)
      );
    });
  return stepOk(1) || stepOk(-1);
}

function isCommonWord(candidate: string): boolean {
  if (candidate.length === 0) return false;
  if (baseWords.has(candidate)) return true;
  const rep = isRepetition(candidate);
  return rep !== null && baseWords.has(rep.unit);
}

export type PasswordContext = { email?: string; name?: string };

/** The reason a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
  if (length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters.`;

  const lower = password.normalize("NFC").toLowerCase();
  const squashed = lower.replace(/\s+/g, "");
  const common =
    "This password is too common: it appears in lists of breached passwords. Choose another.";
  if (breached.has(lower) || breached.has(squashed)) return common;
  if (isRepetition(squashed) || isSequential(squashed))
    return "Avoid repeated or sequential characters.";
  const letters = squashed.replace(/[^\p{L}]/gu, "");
  const candidates = [core(squashed), deleet(core(squashed)), core(deleet(squashed)), letters];
  if (candidates.some(isCommonWord)) return common;

  const personal = [
    context.email?.toLowerCase().split("@")[0],
    ...(context.name?.toLowerCase().split(/\s+/) ?? []),
  ].filter((w): w is string => !!w && w.length >= 3);
  if (
    personal.some((w) => letters === w || letters === w.replace(/[^\p{L}]/gu, "") || squashed === w)
  ) {
    return "Do not build your password from your name or email address.";
  }
  if (context.email && squashed.includes(context.email.toLowerCase())) {
    return "Do not build your password from your name or email address.";
  }
  return null;
}
