import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifyPayboxIpn } from "./paybox-ipn";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
const pem = publicKey.export({ type: "spki", format: "pem" }).toString();

function signed(query: string): string {
  const sig = sign("RSA-SHA1", Buffer.from(query), privateKey).toString("base64");
  return `${query}&K=${encodeURIComponent(sig)}`;
}

describe("Paybox IPN signature", () => {
  const data = "M=1500&R=CS-0001&T=12345&A=XXXXXX&E=00000&S=987654&note=a%26b%3D";

  it("verifies the still-encoded data before the last &K=", () => {
    const v = verifyPayboxIpn(signed(data), pem);
    expect(v.ok).toBe(true);
    expect(v.params).toMatchObject({ M: "1500", R: "CS-0001", E: "00000", note: "a&b=" });
    expect(verifyPayboxIpn(`?${signed(data)}`, pem).ok).toBe(true);
  });

  it("refuses a changed amount, a missing or moved K, and another key", () => {
    const q = signed(data);
    expect(verifyPayboxIpn(q.replace("M=1500", "M=1"), pem)).toMatchObject({
      ok: false,
      reason: "signature mismatch",
    });
    expect(verifyPayboxIpn(data, pem)).toMatchObject({ ok: false, reason: "signature K missing" });
    expect(verifyPayboxIpn(`${q}&E=00000`, pem).ok).toBe(false);
    const other = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    expect(verifyPayboxIpn(q, other).ok).toBe(false);
    expect(verifyPayboxIpn(q, "not a key")).toMatchObject({ ok: false });
  });

  it("is not fooled by a decoded signed part (signature is over the encoded bytes)", () => {
    const q = signed(data);
    expect(verifyPayboxIpn(q.replace("a%26b%3D", "a&b="), pem).ok).toBe(false);
  });
});
