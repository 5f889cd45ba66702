/**
 * A local Paybox System fake (test code only): it checks the PBX_HMAC of the form we would post
 * to the hosted page (its own HMAC implementation, independent of ours) and produces IPNs signed
 * RSA-SHA1 with a test key, in the order of our PBX_RETOUR, values URL-encoded, K last.
 */
import { createHmac, generateKeyPairSync, sign, timingSafeEqual } from "node:crypto";

export type PayboxFake = {
  publicKeyPem: string;
  /** Whether the fields (PBX_HMAC last) carry a valid HMAC for this merchant key. */
  acceptsForm(fields: readonly (readonly [string, string])[], hmacKeyHex: string): boolean;
  /** The raw query string Paybox would call PBX_REPONDRE_A with. */
  ipn(values: Record<string, string>, retour?: string): string;
};

export function startPayboxFake(): PayboxFake {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    acceptsForm(fields, hmacKeyHex) {
      const last = fields.at(-1);
      if (!last || last[0] !== "PBX_HMAC") return false;
      const signed = fields
        .slice(0, -1)
        .map(([k, v]) => `${k}=${v}`)
        .join("&");
      const mac = createHmac("sha512", Buffer.from(hmacKeyHex, "hex")).update(signed).digest();
      const given = Buffer.from(last[1], "hex");
      return (
        /^[0-9A-F]+$/.test(last[1]) && given.length === mac.length && timingSafeEqual(given, mac)
      );
    },
    ipn(values, retour = "M:M;R:R;T:T;A:A;E:E;S:S;K:K") {
      const names = retour
        .split(";")
        .map((pair) => pair.split(":")[0]!)
        .filter((n) => n !== "K");
      const data = names
        .filter((n) => values[n] !== undefined)
        .map((n) => `${n}=${encodeURIComponent(values[n]!)}`)
        .join("&");
      const k = sign("RSA-SHA1", Buffer.from(data), privateKey).toString("base64");
      return `${data}&K=${encodeURIComponent(k)}`;
    },
  };
}
