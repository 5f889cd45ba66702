import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { billingXml, buildPayboxForm, type PayboxFormInput, payboxHmac } from "./paybox-form";

const KEY =
  "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF" +
  "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";

const INPUT: PayboxFormInput = {
  site: "1999888",
  rang: "32",
  identifiant: "107904482",
  amount: 1500,
  currency: "EUR",
  reference: "CS-0001",
  email: "player@example.test",
  time: new Date("2026-11-27T05:00:00.000Z"),
  urls: {
    effectue: "https://courts.example.org/pay/ok",
    refuse: "https://courts.example.org/pay/refused",
    annule: "https://courts.example.org/pay/cancelled",
    repondreA: "https://courts.example.org/api/webhooks/paybox",
  },
  totalQuantity: 1,
  billing: {
    firstName: "Ana",
    lastName: "Garc&ia",
    address1: "1 rue du Stade",
    zipCode: "75001",
    city: "Paris",
    countryCode: "250",
  },
  hmacKeyHex: KEY,
};

describe("Paybox hosted-page form", () => {
  it("matches the worked example (HMAC computed independently with the openssl CLI)", () => {
    // printf '%s' "PBX_SITE=1999888&…&PBX_BILLING=<?xml …>" |
    //   openssl dgst -sha512 -mac HMAC -macopt hexkey:$KEY
    const form = buildPayboxForm(INPUT);
    expect(form.map(([k]) => k)).toEqual([
      "PBX_SITE",
      "PBX_RANG",
      "PBX_IDENTIFIANT",
      "PBX_TOTAL",
      "PBX_DEVISE",
      "PBX_CMD",
      "PBX_PORTEUR",
      "PBX_RETOUR",
      "PBX_HASH",
      "PBX_TIME",
      "PBX_EFFECTUE",
      "PBX_REFUSE",
      "PBX_ANNULE",
      "PBX_REPONDRE_A",
      "PBX_SHOPPINGCART",
      "PBX_BILLING",
      "PBX_HMAC",
    ]);
    const f = Object.fromEntries(form);
    expect(f.PBX_TOTAL).toBe("1500");
    expect(f.PBX_DEVISE).toBe("978");
    expect(f.PBX_TIME).toBe("2026-11-27T05:00:00Z");
    expect(f.PBX_RETOUR).toBe("M:M;R:R;T:T;A:A;E:E;S:S;K:K");
    expect(f.PBX_BILLING).toContain("<LastName>Garc&amp;ia</LastName>");
    expect(f.PBX_HMAC).toBe(
      "0F4848221D0EA4E5B9EB1531ED5D2047B58EBB6EEAA14691DE8678FDC5A2B2A4" +
        "9E030B78E821EDE3791BF96EAE15F6B732BC208D55DB1B6BB24EE899105D3F37",
    );
  });

  it("signs the values unencoded, keyed with the hex key's bytes, in uppercase hex", () => {
    const fields = [
      ["PBX_A", "a b&c"],
      ["PBX_B", "é"],
    ] as const;
    const expected = createHmac("sha512", Buffer.from("00ff", "hex"))
      .update("PBX_A=a b&c&PBX_B=é")
      .digest("hex")
      .toUpperCase();
    expect(payboxHmac(fields, "00ff")).toBe(expected);
    expect(() => payboxHmac(fields, "xyz")).toThrow("hexadecimal");
  });

  it("changes the HMAC when any field changes", () => {
    const a = Object.fromEntries(buildPayboxForm(INPUT)).PBX_HMAC;
    const b = Object.fromEntries(buildPayboxForm({ ...INPUT, amount: 1501 })).PBX_HMAC;
    expect(a).not.toBe(b);
  });

  it("refuses K not last, bad amounts, unknown currencies and separators in values", () => {
    expect(() => buildPayboxForm({ ...INPUT, retour: "M:M;K:K;R:R" })).toThrow(
      "K must be the last",
    );
    expect(() => buildPayboxForm({ ...INPUT, amount: 0 })).toThrow("positive integer");
    expect(() => buildPayboxForm({ ...INPUT, amount: 10.5 })).toThrow("positive integer");
    expect(() => buildPayboxForm({ ...INPUT, currency: "XXX" })).toThrow("unsupported currency");
    expect(() => buildPayboxForm({ ...INPUT, reference: "a&b" })).toThrow("must not contain");
  });

  it("escapes and truncates the billing XML", () => {
    const x = billingXml({ ...INPUT.billing, firstName: "<script>".repeat(10) });
    expect(x).not.toContain("<script>");
  });
});
