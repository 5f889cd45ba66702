import { describe, expect, it } from "vitest";
import { signMailToken, verifyMailToken } from "./mail-token";

const secret = "s".repeat(64);

describe("mail tokens", () => {
  it("round-trips unsubscribe and preferences tokens, lower-casing the address", () => {
    const u = signMailToken(secret, {
      purpose: "unsubscribe",
      address: "Ada@Example.TEST",
      category: "reminders",
    });
    expect(verifyMailToken(secret, u)).toEqual({
      purpose: "unsubscribe",
      address: "ada@example.test",
      category: "reminders",
    });
    const p = signMailToken(secret, { purpose: "preferences", address: "ada@example.test" });
    expect(verifyMailToken(secret, p)).toEqual({
      purpose: "preferences",
      address: "ada@example.test",
    });
    expect(u).toMatch(/^[\w-]+\.[\w-]{43}$/); // URL-safe, 256-bit MAC
  });

  it("refuses another secret, any altered byte, and malformed input", () => {
    const t = signMailToken(secret, {
      purpose: "unsubscribe",
      address: "a@b.test",
      category: "club_news",
    });
    expect(verifyMailToken("x".repeat(64), t)).toBeNull();
    for (let i = 0; i < t.length; i++) {
      if (t[i] === ".") continue;
      const altered = t.slice(0, i) + (t[i] === "A" ? "B" : "A") + t.slice(i + 1);
      expect(verifyMailToken(secret, altered)).toBeNull();
    }
    for (const bad of ["", ".", "a.b.c", "abc", `${t}.x`, "x".repeat(2000)])
      expect(verifyMailToken(secret, bad)).toBeNull();
  });

  it("cannot name an essential category or an unknown purpose, even when correctly signed", async () => {
    const { createHmac } = await import("node:crypto");
    const sign = (payload: object) => {
      const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
      const mac = createHmac("sha256", secret)
        .update(`courtside.mail-token.v1.${body}`)
        .digest("base64url");
      return `${body}.${mac}`;
    };
    expect(verifyMailToken(secret, sign({ p: "u", a: "a@b.test", c: "club_news" }))).not.toBeNull(); // the helper is right
    expect(verifyMailToken(secret, sign({ p: "u", a: "a@b.test", c: "security" }))).toBeNull();
    expect(verifyMailToken(secret, sign({ p: "admin", a: "a@b.test" }))).toBeNull();
    expect(verifyMailToken(secret, sign({ p: "p", a: "not-an-address" }))).toBeNull();
  });
});
