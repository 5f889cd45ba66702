import "server-only";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { env } from "@/server/env";

export type DkimConfig = { domainName: string; keySelector: string; privateKey: string };

export type MailConfig = {
  /** Public base URL for links in emails (no trailing slash). */
  appUrl: string;
  /** RFC 5322 From, e.g. `Courtside <no-reply@example.org>`. */
  from: string;
  /** Right-hand side of every Message-ID. */
  messageIdDomain: string;
  /** null: deliver to the local dev mailbox instead of SMTP. */
  smtp: { url: string; requireTLS: boolean } | null;
  dkim: DkimConfig | null;
  /** HMAC key of unsubscribe and preferences links. */
  tokenSecret: string;
  workerIntervalMs: number;
};

let cached: MailConfig | undefined;

/** The mail configuration, from the validated environment (lib/env-schema.ts). */
export function getMailConfig(): MailConfig {
  if (cached) return cached;
  const e = env();
  const fromDomain =
    /@([^>\s]+)>?\s*$/.exec(e.MAIL_FROM)?.[1]?.toLowerCase() ?? new URL(e.APP_URL).hostname;
  const privateKey =
    e.DKIM_PRIVATE_KEY?.replace(/\\n/g, "\n") ??
    (e.DKIM_PRIVATE_KEY_FILE ? readFileSync(e.DKIM_PRIVATE_KEY_FILE, "utf8") : undefined);
  cached = {
    appUrl: e.APP_URL.replace(/\/+$/, ""),
    from: e.MAIL_FROM,
    messageIdDomain: e.DKIM_DOMAIN ?? fromDomain,
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, requireTLS: e.SMTP_REQUIRE_TLS } : null,
    dkim:
      e.DKIM_DOMAIN && e.DKIM_SELECTOR && privateKey
        ? { domainName: e.DKIM_DOMAIN, keySelector: e.DKIM_SELECTOR, privateKey }
        : null,
    // Outside production (where it is required) a stable per-database key keeps dev links valid
    // across restarts without a secret in the source code.
    tokenSecret:
      e.MAIL_TOKEN_SECRET ??
      createHash("sha256").update(`courtside-dev-mail-token:${e.DATABASE_URL}`).digest("hex"),
    workerIntervalMs: e.MAIL_WORKER_INTERVAL_MS,
  };
  return cached;
}
