/**
 * A local Paybox System fake (test code only): it checks the PBX_HMAC of the form we would post
 * to the hosted page (its own HMAC implementation, independent of ours) and produces IPNs signed
 * RSA-SHA1 with a test key, in the order of our PBX_RETOUR, values URL-encoded, K last.
 * `startPayboxServer` also serves the hosted payment page (Pay / Cancel) and Paybox Direct
 * (PPPS.php: refunds, TYPE 00014, and the transaction consultation, TYPE 00017) over HTTP, for the
 * integration and end-to-end tests.
 *
 * Like Paybox, the fake signs every merchant's IPNs with the same key, and it keeps one ledger of
 * transactions per merchant (site): a PPPS question is answered only about the asking site's own
 * transactions, so a second merchant (an attacker's account) can be modelled
 * (test/integration/payments-paybox-merchant-binding.test.ts, ADR 014).
 */
import { createHmac, generateKeyPairSync, randomUUID, sign, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

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

// ---------------------------------------------------------------------------------------------
// The hosted payment page and Paybox Direct (PPPS), as HTTP servers.
// ---------------------------------------------------------------------------------------------

export type PayboxMerchant = {
  site: string;
  rang: string;
  hmacKeyHex: string;
  /** The Paybox Direct key (CLE); without it PPPS refuses the site. */
  directKey?: string;
};

/** The STATUS a PPPS consultation (TYPE 00017) answers, as Paybox spells it (Latin-1). */
export type PayboxTransactionStatus = "Autorisé" | "Capturé" | "Remboursé" | "Annulé" | "Refusé";

export type PayboxTransaction = {
  site: string;
  rang: string;
  reference: string;
  amount: number;
  devise: string;
  numTrans: string;
  numAppel: string;
  authorisation: string;
  refunded: number;
  status: PayboxTransactionStatus;
};

export type PayboxAuthorisation = {
  site: string;
  /** Defaults to the merchant's rang. */
  rang?: string;
  reference: string;
  amount: number;
  devise?: string;
  /** Fixed numbers (else the fake numbers the transaction). */
  numTrans?: string;
  numAppel?: string;
  status?: PayboxTransactionStatus;
};

export type PayboxDirectRequest = Record<string, string>;

export type PayboxServer = PayboxFake & {
  /** e.g. http://127.0.0.1:PORT */
  origin: string;
  /** The hosted page (PBX form action). */
  pageUrl: string;
  /** Paybox Direct (PPPS.php). */
  directUrl: string;
  setMerchant(m: PayboxMerchant): void;
  /** Transactions authorised on the page (or by `authorise`), by NUMTRANS, all merchants. */
  transactions: Map<string, PayboxTransaction>;
  /** One merchant's own ledger: what PPPS answers that site about. */
  ledger(site: string): PayboxTransaction[];
  /** Refunds performed through PPPS. */
  refunds: { numQuestion: string; numTrans: string; amount: number }[];
  /** Every PPPS request received (parsed). */
  directRequests: PayboxDirectRequest[];
  /** IPN deliveries made: the URL called and the HTTP status our server answered. */
  ipnDeliveries: { url: string; status: number }[];
  /** Records a transaction as if it had been paid on the page (for server-side tests). */
  authorise(t: PayboxAuthorisation): PayboxTransaction;
  /**
   * The next `times` PPPS requests answer HTTP `status`; `after: true` performs the refund first
   * (the answer is "lost").
   */
  failDirect(status: number, opts?: { times?: number; after?: boolean }): void;
  /** When true, IPNs wait in a queue until `releaseIpns()` (the browser returns first). */
  deferIpn: boolean;
  releaseIpns(): Promise<number[]>;
  close(): Promise<void>;
};

type PageSession = {
  fields: [string, string][];
  get: (name: string) => string;
};

function html(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts the hosted payment page and the PPPS endpoint on 127.0.0.1. The page checks PBX_HMAC
 * with the merchant's key (its own HMAC code), shows "Pay" and "Cancel" buttons (the gateway's
 * page: no fields of ours), and on "Pay" calls PBX_REPONDRE_A with a signed IPN from the server
 * side (GET), then redirects the browser to PBX_EFFECTUE with the same signed parameters; on
 * "Cancel" it redirects to PBX_ANNULE. `deliverIpn` replaces the HTTP call (integration tests
 * call the route handler in-process).
 */
export async function startPayboxServer(
  opts: {
    deliverIpn?: (url: string) => Promise<number>;
    /** A fixed port (the e2e server's CSP must name the fake's origin); 0 = any free port. */
    port?: number;
  } = {},
): Promise<PayboxServer> {
  const base = startPayboxFake();
  const merchants = new Map<string, PayboxMerchant>();
  const sessions = new Map<string, PageSession>();
  const transactions = new Map<string, PayboxTransaction>();
  const answers = new Map<string, string>();
  const refunds: PayboxServer["refunds"] = [];
  const directRequests: PayboxDirectRequest[] = [];
  const ipnDeliveries: PayboxServer["ipnDeliveries"] = [];
  const queued: string[] = [];
  const failures: { status: number; times: number; after: boolean }[] = [];
  let counter = 0;
  const nextNumber = () => String(1_000_000 + ++counter * 7 + Math.floor(Math.random() * 7));

  const deliver =
    opts.deliverIpn ??
    (async (url: string) => {
      const res = await fetch(url, { redirect: "manual" });
      await res.arrayBuffer();
      return res.status;
    });
  const send = async (url: string) => {
    const status = await deliver(url).catch(() => 0);
    ipnDeliveries.push({ url, status });
    return status;
  };

  function macOk(fields: [string, string][], hmacKeyHex: string, macName: string): boolean {
    const last = fields.at(-1);
    if (!last || last[0] !== macName || !/^[0-9A-F]+$/.test(last[1])) return false;
    const signed = fields
      .slice(0, -1)
      .map(([k, v]) => `${k}=${v}`)
      .join("&");
    const mac = createHmac("sha512", Buffer.from(hmacKeyHex, "hex")).update(signed).digest();
    const given = Buffer.from(last[1], "hex");
    return given.length === mac.length && timingSafeEqual(given, mac);
  }

  function withParams(url: string, query: string): string {
    return `${url}${url.includes("?") ? "&" : "?"}${query}`;
  }

  function authorise(t: PayboxAuthorisation): PayboxTransaction {
    const tx: PayboxTransaction = {
      site: t.site,
      rang: t.rang ?? merchants.get(t.site)?.rang ?? "",
      reference: t.reference,
      amount: t.amount,
      devise: t.devise ?? "978",
      numTrans: t.numTrans ?? nextNumber(),
      numAppel: t.numAppel ?? nextNumber(),
      authorisation: "XXXXXX",
      refunded: 0,
      status: t.status ?? "Capturé",
    };
    if (transactions.has(tx.numTrans)) throw new Error(`NUMTRANS ${tx.numTrans} already used`);
    transactions.set(tx.numTrans, tx);
    return tx;
  }

  async function page(req: http.IncomingMessage, res: http.ServerResponse) {
    const fields = [...new URLSearchParams(await readBody(req))] as [string, string][];
    const get = (n: string) => fields.find(([k]) => k === n)?.[1] ?? "";
    const refuse = (problem: string) => {
      res.writeHead(400, { "Content-Type": "text/html; charset=utf-8" });
      res.end(
        html("Paybox — error", `<h1>Payment refused</h1><p id="problem">${esc(problem)}</p>`),
      );
    };
    const merchant = merchants.get(get("PBX_SITE"));
    if (!merchant) return refuse(`Unknown PBX_SITE ${get("PBX_SITE")}`);
    if (get("PBX_RANG") !== merchant.rang) return refuse("PBX_RANG does not match the site");
    if (get("PBX_HASH") !== "SHA512") return refuse("PBX_HASH must be SHA512");
    for (const n of ["PBX_TOTAL", "PBX_DEVISE", "PBX_CMD", "PBX_PORTEUR", "PBX_RETOUR", "PBX_TIME"])
      if (!get(n)) return refuse(`${n} is missing`);
    if (!/^\d+$/.test(get("PBX_TOTAL"))) return refuse("PBX_TOTAL must be minor units");
    if (!/(^|;)K:K$/.test(get("PBX_RETOUR"))) return refuse("PBX_RETOUR must end with K:K");
    if (!macOk(fields, merchant.hmacKeyHex, "PBX_HMAC"))
      return refuse("PBX_HMAC is wrong: the form was not signed with this site's HMAC key");
    const id = randomUUID();
    sessions.set(id, { fields, get });
    const amount = (Number(get("PBX_TOTAL")) / 100).toFixed(2);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(
      html(
        "Paybox — secure payment (test)",
        `<h1>Paybox test payment page</h1>
<p>Order ${esc(get("PBX_CMD"))}: ${amount} (currency ${esc(get("PBX_DEVISE"))})</p>
<form method="post" action="/session/${id}/pay"><button type="submit">Pay</button></form>
<form method="post" action="/session/${id}/cancel"><button type="submit">Cancel</button></form>`,
      ),
    );
  }

  async function decide(id: string, action: "pay" | "cancel", res: http.ServerResponse) {
    const s = sessions.get(id);
    if (!s) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      return res.end("unknown session");
    }
    sessions.delete(id);
    const retour = s.get("PBX_RETOUR");
    if (action === "cancel") {
      const q = base.ipn({ M: s.get("PBX_TOTAL"), R: s.get("PBX_CMD"), E: "00001" }, retour);
      res.writeHead(303, { Location: withParams(s.get("PBX_ANNULE"), q) });
      return res.end();
    }
    const tx = authorise({
      site: s.get("PBX_SITE"),
      rang: s.get("PBX_RANG"),
      reference: s.get("PBX_CMD"),
      amount: Number(s.get("PBX_TOTAL")),
      devise: s.get("PBX_DEVISE"),
    });
    const q = base.ipn(
      {
        M: String(tx.amount),
        R: tx.reference,
        T: tx.numAppel,
        A: tx.authorisation,
        E: "00000",
        S: tx.numTrans,
      },
      retour,
    );
    const ipnUrl = withParams(s.get("PBX_REPONDRE_A"), q);
    if (server.deferIpn) queued.push(ipnUrl);
    else await send(ipnUrl);
    res.writeHead(303, { Location: withParams(s.get("PBX_EFFECTUE"), q) });
    res.end();
  }

  function ppps(body: string): string {
    const fields = [...new URLSearchParams(body)] as [string, string][];
    const f = Object.fromEntries(fields);
    directRequests.push(f);
    const answer = (code: string, comment: string, extra: Record<string, string> = {}) =>
      [
        ...(extra.STATUS !== undefined ? [`STATUS=${extra.STATUS}`] : []),
        `NUMTRANS=${extra.NUMTRANS ?? "0000000000"}`,
        `NUMAPPEL=${extra.NUMAPPEL ?? "0000000000"}`,
        `NUMQUESTION=${f.NUMQUESTION ?? ""}`,
        `SITE=${f.SITE ?? ""}`,
        `RANG=${f.RANG ?? ""}`,
        `AUTORISATION=${extra.AUTORISATION ?? ""}`,
        `CODEREPONSE=${code}`,
        `COMMENTAIRE=${comment}`,
        "REFABONNE=",
        "PORTEUR=",
      ].join("&");
    const m = f.SITE ? merchants.get(f.SITE) : undefined;
    if (!m || f.RANG !== m.rang || !m.directKey || f.CLE !== m.directKey)
      return answer("00006", "PAYBOX : Accès refusé ou site/rang/clé invalide");
    if (f.HASH !== "SHA512" || !macOk(fields, m.hmacKeyHex, "HMAC"))
      return answer("00006", "PAYBOX : HMAC invalide");
    if (f.VERSION !== "00103" && f.VERSION !== "00104")
      return answer("00013", "PAYBOX : Version non supportée");
    if (f.TYPE !== "00014" && f.TYPE !== "00017")
      return answer("00002", "PAYBOX : Type de question non géré (fake)");
    if (!/^\d{10}$/.test(f.NUMQUESTION ?? "") || !/^\d{14}$/.test(f.DATEQ ?? ""))
      return answer("00002", "PAYBOX : Erreur de cohérence (NUMQUESTION/DATEQ)");
    if (f.TYPE === "00017") return consult(f, answer);
    const key = `${f.SITE}|${f.NUMQUESTION}`;
    const seen = answers.get(key);
    if (seen) return seen;
    const numTrans = String(Number(f.NUMTRANS ?? "x"));
    const tx = transactions.get(numTrans);
    if (
      !tx ||
      tx.site !== f.SITE ||
      tx.rang !== f.RANG ||
      Number(f.NUMAPPEL) !== Number(tx.numAppel)
    )
      return answer("00018", "PAYBOX : Transaction non trouvée");
    if (f.DEVISE !== tx.devise) return answer("00010", "PAYBOX : Devise inconnue");
    const amount = Number(f.MONTANT);
    if (!/^\d{10}$/.test(f.MONTANT ?? "") || amount <= 0 || tx.refunded + amount > tx.amount)
      return answer("00011", "PAYBOX : Montant incorrect");
    tx.refunded += amount;
    if (tx.refunded === tx.amount) tx.status = "Remboursé";
    refunds.push({ numQuestion: f.NUMQUESTION!, numTrans: tx.numTrans, amount });
    const done = answer("00000", "Demande traitée avec succès", {
      NUMTRANS: nextNumber().padStart(10, "0"),
      NUMAPPEL: nextNumber().padStart(10, "0"),
      AUTORISATION: "XXXXXX",
    });
    answers.set(key, done);
    return done;
  }

  /**
   * TYPE 00017, consultation of one transaction by NUMTRANS (and NUMAPPEL), answered only from the
   * asking site/rang's own ledger: another merchant's transaction is "not found". A found
   * transaction is answered with its STATUS; MONTANT and DEVISE of the question must be the
   * transaction's (as for the other questions about an existing transaction — an assumption of
   * this fake, see ADR 014).
   */
  function consult(
    f: Record<string, string>,
    answer: (code: string, comment: string, extra?: Record<string, string>) => string,
  ): string {
    const tx = transactions.get(String(Number(f.NUMTRANS ?? "x")));
    if (
      !tx ||
      tx.site !== f.SITE ||
      tx.rang !== f.RANG ||
      Number(f.NUMAPPEL) !== Number(tx.numAppel)
    )
      return answer("00018", "PAYBOX : Transaction non trouvée");
    if (f.DEVISE !== tx.devise) return answer("00010", "PAYBOX : Devise inconnue");
    if (!/^\d{10}$/.test(f.MONTANT ?? "") || Number(f.MONTANT) !== tx.amount)
      return answer("00011", "PAYBOX : Montant incorrect");
    return answer("00000", "Demande traitée avec succès", {
      NUMTRANS: tx.numTrans.padStart(10, "0"),
      NUMAPPEL: tx.numAppel.padStart(10, "0"),
      AUTORISATION: tx.authorisation,
      STATUS: tx.status,
    });
  }

  const httpServer = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      if (req.method === "POST" && url.pathname === "/cgi/MYchoix_pagepaiement.cgi")
        return page(req, res);
      const s = /^\/session\/([0-9a-f-]{36})\/(pay|cancel)$/.exec(url.pathname);
      if (req.method === "POST" && s) {
        await readBody(req);
        return decide(s[1]!, s[2] as "pay" | "cancel", res);
      }
      if (req.method === "POST" && url.pathname === "/PPPS.php") {
        const body = await readBody(req);
        const failure = failures[0];
        if (failure) {
          if (--failure.times <= 0) failures.shift();
          if (failure.after) ppps(body);
          else directRequests.push(Object.fromEntries(new URLSearchParams(body)));
          res.writeHead(failure.status, { "Content-Type": "text/plain" });
          return res.end("Service Unavailable");
        }
        res.writeHead(200, { "Content-Type": "text/plain; charset=ISO-8859-1" });
        return res.end(Buffer.from(ppps(body), "latin1"));
      }
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("not found");
    })().catch((err: unknown) => {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;

  const server: PayboxServer = {
    ...base,
    origin,
    pageUrl: `${origin}/cgi/MYchoix_pagepaiement.cgi`,
    directUrl: `${origin}/PPPS.php`,
    setMerchant: (m) => void merchants.set(m.site, m),
    transactions,
    ledger: (site) => [...transactions.values()].filter((t) => t.site === site),
    refunds,
    directRequests,
    ipnDeliveries,
    authorise,
    failDirect(status, o = {}) {
      failures.push({ status, times: o.times ?? 1, after: o.after ?? false });
    },
    deferIpn: false,
    async releaseIpns() {
      const out: number[] = [];
      while (queued.length) out.push(await send(queued.shift()!));
      return out;
    },
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
  return server;
}
