import { describe, expect, it } from "vitest";
import { renderEmail } from "../render-email";

const ctx = { locale: "en", clubName: "Club <Padel> & Co" };

describe("email templates", () => {
  it("render subject, HTML and text from one source with the club's name, escaped", () => {
    const r = renderEmail(
      "verify-email",
      { name: "Ada <script>", verifyUrl: "https://courts.example.org/verify?token=a&b=1" },
      ctx,
    );
    expect(r.subject).toBe("Confirm your email address for Club <Padel> & Co");
    expect(r.html).toContain("Club &#60;Padel&#62; &#38; Co");
    expect(r.html).not.toContain("<script>");
    expect(r.html).toContain('href="https://courts.example.org/verify?token=a&#38;b=1"');
    expect(r.text).toContain("Hello Ada <script>,");
    expect(r.text).toContain("https://courts.example.org/verify?token=a&b=1");
    expect(r.text).toContain("expires in 60 minutes");
    // One source: every paragraph of the text is in the HTML too.
    expect(r.html).toContain("This link works once and expires in 60 minutes.");
  });

  it("contain no remote images, trackers or scripts", () => {
    const all = [
      renderEmail("password-reset", { resetUrl: "https://x.test/r" }, ctx),
      renderEmail(
        "lockout-notice",
        {
          unlockUrl: "https://x.test/u",
          lockedUntil: "2026-11-27T10:00:00Z",
          failedAttempts: 5,
          timeZone: "Europe/Paris",
        },
        ctx,
      ),
      renderEmail(
        "new-device-sign-in",
        {
          at: "2026-11-27T10:00:00Z",
          device: "Firefox on Linux",
          ip: "192.0.2.1",
          securityUrl: "https://x.test/s",
        },
        ctx,
      ),
      renderEmail(
        "security-alert",
        {
          title: "Burst of failed logins",
          summary: "120 failed logins in 5 minutes",
          at: "2026-11-27T10:00:00Z",
          auditUrl: "https://x.test/a",
          details: [["Source", "203.0.113.7"]],
        },
        ctx,
      ),
      renderEmail(
        "club-announcement",
        { title: "News", paragraphs: ["Hello"] },
        { ...ctx, unsubscribeUrl: "https://x.test/u", preferencesUrl: "https://x.test/p" },
      ),
    ];
    for (const r of all) {
      expect(r.html).not.toMatch(/<img|<script|<link|url\(|<iframe|<form/i);
      expect(r.html).toMatch(/^<!doctype html>/);
      expect(r.text.length).toBeGreaterThan(50);
    }
    expect(all[1]!.text).toMatch(/unlocks by itself at .*11:00/); // club time zone (UTC+1)
    expect(all[3]!.subject).toBe("Security alert for Club <Padel> & Co: Burst of failed logins");
    expect(all[4]!.text).toContain("Unsubscribe from these emails: https://x.test/u");
  });

  it("use the recipient's language, falling back to English", () => {
    expect(
      renderEmail(
        "verify-email",
        { verifyUrl: "https://x.test/v" },
        { locale: "fr-FR", clubName: null },
      ).subject,
    ).toBe("Confirmez votre adresse email");
    expect(
      renderEmail(
        "password-reset",
        { resetUrl: "https://x.test/r" },
        { locale: "fr", clubName: null },
      ).subject,
    ).toBe("Reset your Courtside password");
    expect(
      renderEmail(
        "verify-email",
        { verifyUrl: "https://x.test/v" },
        { locale: "xx", clubName: null },
      ).subject,
    ).toBe("Confirm your email address");
  });

  it("reject bad data, naming the field, and non-http links", () => {
    expect(() => renderEmail("password-reset", { resetUrl: "javascript:alert(1)" }, ctx)).toThrow(
      /resetUrl/,
    );
    // @ts-expect-error missing field on purpose
    expect(() => renderEmail("lockout-notice", { unlockUrl: "https://x.test/u" }, ctx)).toThrow(
      /lockedUntil/,
    );
  });
});
