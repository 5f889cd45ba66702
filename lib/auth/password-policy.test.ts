import { describe, expect, it } from "vitest";
import { BREACHED_LIST_SIZE, passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("needs 12 to 128 characters, counted as people count them", () => {
    expect(passwordProblem("short-pass1")).toMatch(/at least 12/);
    expect(passwordProblem("vélo-rouge-q")).toBeNull();
    expect(passwordProblem("x".repeat(6) + "y".repeat(6) + "z")).toBeNull();
    expect(passwordProblem("🎾🎾🎾🎾🎾🎾🎾🎾🎾🎾🎾")).toMatch(/at least 12/);
    expect(passwordProblem("k9".repeat(64) + "!")).toMatch(/at most 128/);
  });
  it("accepts any characters, with no composition rules", () => {
    expect(passwordProblem("correct horse staple gun")).toBeNull();
    expect(passwordProblem("平仮名とカタカナの混ざった合言葉")).toBeNull();
    expect(passwordProblem("demo-manager-court-2026")).toBeNull();
  });
  it("refuses breached passwords, whatever the case", () => {
    expect(passwordProblem("123456789012")).not.toBeNull();
    expect(passwordProblem("QwertyUiop123")).toMatch(/too common/);
    expect(passwordProblem("correcthorsebatterystaple")).toMatch(/too common/);
  });
  it("refuses common words padded, repeated or in leetspeak", () => {
    expect(passwordProblem("Password123!")).toMatch(/too common/);
    expect(passwordProblem("!!password2026")).toMatch(/too common/);
    expect(passwordProblem("P@ssw0rd2026!")).toMatch(/too common/);
    expect(passwordProblem("tennistennistennis")).not.toBeNull();
    expect(passwordProblem("tennis-tennis-2026")).toMatch(/too common/);
  });
  it("refuses repeated and sequential characters", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaa")).toMatch(/repeated or sequential/);
    expect(passwordProblem("abcdefghijklmn")).toMatch(/repeated or sequential/);
    expect(passwordProblem("98765432109876")).toMatch(/repeated or sequential/);
  });
  it("refuses passwords built from the user's email or name", () => {
    expect(passwordProblem("marcmanager2026", { email: "marcmanager@club.test" })).toMatch(
      /name or email/,
    );
    expect(passwordProblem("Dubois-Lefebvre1", { name: "Anne Dubois-Lefebvre" })).toMatch(
      /name or email/,
    );
    expect(passwordProblem("my.mail@club.test!", { email: "my.mail@club.test" })).toMatch(
      /name or email/,
    );
  });
});

describe("the shipped breached-password lists", () => {
  it("hold tens of thousands of passwords from public breach corpora", () => {
    expect(BREACHED_LIST_SIZE).toBeGreaterThan(40_000);
  });

  it("refuse long passwords that appear in breach corpora, and common words padded to length", () => {
    for (const p of [
      "1qaz2wsx3edc",
      "qazwsxedcrfv",
      "123qweasdzxc",
      "Football2026!!",
      "sunshine12345",
    ]) {
      expect(passwordProblem(p), p).toMatch(/too common/);
    }
  });

  it("accept an ordinary passphrase", () => {
    expect(passwordProblem("purple tractor under nine lemons")).toBeNull();
    // The famous XKCD example is itself in the breach lists now.
    expect(passwordProblem("correct horse battery staple")).toMatch(/too common/);
    expect(passwordProblem("demo-player-court-2026")).toBeNull();
  });
});
