import { describe, expect, it } from "vitest";
import { findCardNumbers, luhnValid } from "./card-number-scan";

describe("card number scan", () => {
  it("knows the Luhn check", () => {
    expect(luhnValid("4111111111111111")).toBe(true);
    expect(luhnValid("4111111111111112")).toBe(false);
    expect(luhnValid("79927398713")).toBe(true);
  });

  it("finds test card numbers written in the usual ways", () => {
    expect(findCardNumbers("pan=4111111111111111&x=1")).toContain("4111111111111111");
    expect(findCardNumbers("card 4111 1111 1111 1111 ok")).toContain("4111111111111111");
    expect(findCardNumbers("5555-5555-5555-4444")).toContain("5555555555554444");
    expect(findCardNumbers('{"n":"378282246310005"}')).toContain("378282246310005");
    expect(findCardNumbers("amex 3782 822463 10005.")).toContain("378282246310005");
  });

  it("ignores short numbers, uuids and amounts", () => {
    expect(findCardNumbers("amount 1500 EUR, id 3f2a9c1e-1b2c-4d5e-8f90-123456789abc")).toEqual([]);
    expect(findCardNumbers("4111111111111")).toEqual([]); // 13 digits, not Luhn-valid
    expect(findCardNumbers("0000000000000000 1111111111111111111")).toEqual([]);
    // Digits of UUID groups chained by dashes are not a card number.
    expect(findCardNumbers("c0a80101-4367-8166-6412-130400798612")).toEqual([]);
    expect(findCardNumbers("41111111111111110")).toEqual([]); // longer run, not Luhn
  });

  it("ignores digit runs inside hashes, but not a card number next to a word", () => {
    // A SHA-256 hex digest whose middle holds a Luhn-valid 16-digit run.
    const hash = `9f2c${"4111111111111111"}ab07e3d5c1f0a9b8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1`;
    expect(hash.length).toBeGreaterThanOrEqual(64);
    expect(findCardNumbers(`{"device_hash":"${hash}"}`)).toEqual([]);
    expect(findCardNumbers("card4111111111111111")).toContain("4111111111111111");
    expect(findCardNumbers("abc4111111111111111def")).toContain("4111111111111111");
  });
});
