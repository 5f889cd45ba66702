/** A throwaway DKIM key pair and a fake DNS resolver that publishes its public key. */
import { generateKeyPairSync } from "node:crypto";

export function createDkimKey(domain: string, selector: string) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const p = publicKey.export({ type: "spki", format: "der" }).toString("base64");
  const record = `v=DKIM1; k=rsa; p=${p}`;
  const name = `${selector}._domainkey.${domain}`;
  const resolver = async (host: string, type: string): Promise<string[][]> => {
    if (host.toLowerCase() === name && type === "TXT") return [[record]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  };
  return { privateKey: pem, record, name, resolver };
}
