/**
 * Signatures of injection and scanning probes (issue 14 §2): SQL injection, script injection,
 * path traversal in a value, and the well-known paths scanners ask for. The boundaries that
 * refuse hostile input (proxy.ts, runFormAction, readJsonBody, public-intake) look values up here
 * and record a `security_signal` (server/security/record-probe.ts); nothing is refused because of
 * a signature. Pure and client-safe: no I/O.
 *
 * A value is percent-decoded up to three times (malformed escapes are kept as they are), lower
 * cased, its SQL comments (`/ ** /`) turned into spaces and its whitespace collapsed before it is
 * matched. The signatures are narrow on purpose: `O'Brien`, `Court 1 -- indoor` or `<3` are what
 * members type, and a signal must mean something.
 */

export type ProbeKind = "sqli" | "xss" | "traversal" | "scanner";

export type Probe = { kind: ProbeKind; signature: string };

export type UrlProbe = Probe & {
  where: "path" | "query";
  /** The query parameter's name; null for the path. */
  field: string | null;
  /** The value that matched, as received (the path still percent-encoded). */
  value: string;
};

export type FieldProbe = Probe & { field: string; value: string };

/** Fields never scanned, whose values are never recorded: passwords, secrets, codes, tokens. */
const SECRET_FIELD = /password|secret|code|token/i;

export function isSecretField(name: string): boolean {
  return SECRET_FIELD.test(name);
}

/** The most values of one body that are scanned (JSON strings, form fields). */
export const MAX_SCANNED_VALUES = 200;

/** Longest value scanned, in UTF-16 units: a probe fits well within it. */
const MAX_SCANNED_LENGTH = 8192;

type Rule = { kind: Exclude<ProbeKind, "scanner">; signature: string; pattern: RegExp };

/** Matched against the normalised value (lower case, comments and whitespace collapsed). */
const RULES: readonly Rule[] = [
  // SQL injection.
  { kind: "sqli", signature: "union select", pattern: /\bunion (?:(?:all|distinct) )?select\b/ },
  // A quoted tautology: ' or 1=1, ' or 'a'='a, 1' and '1'='1 (the same operand on both sides).
  {
    kind: "sqli",
    signature: "' or 1=1",
    pattern:
      /['"`] ?\)* ?(?:or|and|\|\||&&)(?: |(?=['"(]))\(?(['"]?)(\w+)\1 ?= ?(['"]?)\2(?:\3|\b)/,
  },
  { kind: "sqli", signature: '" or ""="', pattern: /(['"]) ?or ?\1\1 ?= ?\1/ },
  // An unquoted numeric tautology followed by a comment: or 1=1--.
  { kind: "sqli", signature: "or 1=1--", pattern: /\b(?:or|and) (\d+) ?= ?\1 ?(?:--|#|;)/ },
  { kind: "sqli", signature: "; drop table", pattern: /; ?drop (?:table|database|schema)\b/ },
  {
    kind: "sqli",
    signature: "'; select",
    pattern:
      /['"] ?\)* ?; ?(?:select|insert|update|delete|drop|exec|execute|shutdown|truncate|alter|create|copy)\b/,
  },
  // A quote closing the value, then a comment: admin'--, ' --, '; --.
  { kind: "sqli", signature: "' --", pattern: /['"]\)*;?--|['"] ?\)* ?;? ?--[ -]*$/ },
  // No space before the parenthesis: "need sleep (8 h)" is prose.
  { kind: "sqli", signature: "sleep(", pattern: /\b(?:pg_)?sleep\( ?\d/ },
  { kind: "sqli", signature: "benchmark(", pattern: /\bbenchmark\( ?\d/ },
  { kind: "sqli", signature: "waitfor delay", pattern: /\bwaitfor (?:delay|time)\b/ },
  { kind: "sqli", signature: "information_schema", pattern: /\binformation_schema\b/ },
  { kind: "sqli", signature: "pg_catalog", pattern: /\bpg_catalog\b/ },
  { kind: "sqli", signature: "::text||", pattern: /:: ?(?:text|varchar|int) ?\|\|/ },
  // Script injection.
  { kind: "xss", signature: "<script", pattern: /<\/? ?script\b/ },
  // Not "JavaScript: the good parts".
  { kind: "xss", signature: "javascript:", pattern: /\b(?:java|vb) ?script ?:(?! )/ },
  { kind: "xss", signature: "<iframe", pattern: /< ?(?:iframe|object|embed|frameset)\b/ },
  // An event handler inside something that looks like a tag: <img src=x onerror=…>, <svg/onload=…>.
  { kind: "xss", signature: "on*= in a tag", pattern: /<[a-z][^>]*[\s/"']on[a-z]{3,} ?=/ },
  { kind: "xss", signature: "document.cookie", pattern: /\bdocument ?\. ?cookie\b/ },
  {
    kind: "xss",
    signature: "alert(",
    pattern: /\b(?:alert|prompt|confirm)(?:\( ?(?:\d|['"`]|document\b|window\b|\))|`)/,
  },
  // Path traversal.
  { kind: "traversal", signature: "../", pattern: /\.\.[/\\]/ },
  { kind: "traversal", signature: "/etc/passwd", pattern: /\betc\/(?:passwd|shadow)\b/ },
  { kind: "traversal", signature: "/proc/self", pattern: /\/proc\/self\// },
  { kind: "traversal", signature: "c:\\windows", pattern: /\b[a-z]:[\\/]+(?:windows|winnt)\b/ },
  { kind: "traversal", signature: "win.ini", pattern: /\b(?:win|boot|system)\.ini\b/ },
  { kind: "traversal", signature: "file://", pattern: /\bfile:\/\// },
];

/** What scanners ask for, matched against the decoded, lower-cased pathname only. */
const SCANNER_PATHS: ReadonlyArray<{ signature: string; pattern: RegExp }> = [
  { signature: "/wp-login.php", pattern: /\/wp-login\b/ },
  { signature: "/wp-admin", pattern: /\/wp-(?:admin|content|includes|config)\b/ },
  { signature: "/xmlrpc.php", pattern: /\/xmlrpc\.php\b/ },
  { signature: "/.env", pattern: /\/\.env(?:[./]|$)/ },
  { signature: "/.git/", pattern: /\/\.(?:git|svn|hg)(?:\/|$)/ },
  { signature: "/phpmyadmin", pattern: /\/(?:phpmyadmin|myadmin)/ },
  { signature: "/cgi-bin/", pattern: /\/cgi-bin(?:\/|$)/ },
  { signature: "/actuator", pattern: /^\/actuator(?:\/|$)/ },
  { signature: "/server-status", pattern: /^\/server-(?:status|info)(?:\/|$)/ },
  { signature: ".php", pattern: /\.php\d?$/ },
];

const ESCAPES = /(?:%[0-9a-f]{2})+/gi;

/** One round of percent-decoding that keeps malformed escapes and invalid UTF-8 as they are. */
function decodeOnce(value: string): string {
  return value.replace(ESCAPES, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      // Not UTF-8 (an overlong `%c0%ae`, a lone `%ff`): each byte as a Latin-1 character.
      return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
    }
  });
}

/** Percent-decoded until stable, at most three times. */
export function decodeRepeatedly(value: string): string {
  let current = value;
  for (let i = 0; i < 3 && current.includes("%"); i++) {
    const next = decodeOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** The form signatures are matched against: decoded, lower case, comments and spaces collapsed. */
export function normaliseForMatching(decoded: string): string {
  return decoded
    .toLowerCase()
    .replace(/\/\*.*?\*\//gs, " ")
    .replace(/\s+/g, " ");
}

function match(decoded: string): Probe | null {
  // A NUL cuts a string short in C: `../../etc/passwd%00.png`.
  if (decoded.includes("\0")) return { kind: "traversal", signature: "NUL" };
  const s = normaliseForMatching(decoded);
  for (const rule of RULES) {
    if (rule.pattern.test(s)) return { kind: rule.kind, signature: rule.signature };
  }
  return null;
}

/** The probe signature one value carries, or null. Percent-encoding is decoded here. */
export function findProbe(value: string): Probe | null {
  if (value === "") return null;
  return match(decodeRepeatedly(value.slice(0, MAX_SCANNED_LENGTH)));
}

/** The well-known scanner path a pathname asks for, or null. */
export function findScannerPath(pathname: string): Probe | null {
  const path = decodeRepeatedly(pathname.slice(0, MAX_SCANNED_LENGTH)).toLowerCase();
  for (const { signature, pattern } of SCANNER_PATHS) {
    if (pattern.test(path)) return { kind: "scanner", signature };
  }
  return null;
}

/**
 * The first probe in a request's address: scanner paths and value signatures in the pathname,
 * then each query parameter's value (secret ones are not scanned), or null.
 */
export function findProbeInUrl(
  pathname: string,
  searchParams: Iterable<[string, string]>,
): UrlProbe | null {
  const inPath = findScannerPath(pathname) ?? findProbe(pathname);
  if (inPath) return { ...inPath, where: "path", field: null, value: pathname };
  let scanned = 0;
  for (const [name, value] of searchParams) {
    if (++scanned > MAX_SCANNED_VALUES) break;
    if (isSecretField(name)) continue;
    const inValue = findProbe(value);
    if (inValue) return { ...inValue, where: "query", field: name, value };
    const inName = findProbe(name);
    if (inName) return { ...inName, where: "query", field: name, value: name };
  }
  return null;
}

/** The first probe in a form's text fields (secret ones and Next.js's `$…` fields skipped). */
export function findProbeInFields(entries: Iterable<[string, unknown]>): FieldProbe | null {
  let scanned = 0;
  for (const [name, value] of entries) {
    if (typeof value !== "string" || name.startsWith("$") || isSecretField(name)) continue;
    if (++scanned > MAX_SCANNED_VALUES) break;
    const found = findProbe(value);
    if (found) return { ...found, field: name, value };
  }
  return null;
}

/**
 * The first probe in the string values of a parsed JSON body, walking nested objects and arrays
 * (at most MAX_SCANNED_VALUES strings). The field is the value's path (`items.0.note`, `input`
 * for the body itself); a path naming a secret is not scanned.
 */
export function findProbeInJson(value: unknown): FieldProbe | null {
  let scanned = 0;
  const walk = (v: unknown, at: string[]): FieldProbe | null => {
    if (scanned >= MAX_SCANNED_VALUES) return null;
    if (typeof v === "string") {
      const field = at.length ? at.join(".") : "input";
      if (isSecretField(field)) return null;
      scanned++;
      const found = findProbe(v);
      return found ? { ...found, field, value: v } : null;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length && scanned < MAX_SCANNED_VALUES; i++) {
        const found = walk(v[i], [...at, String(i)]);
        if (found) return found;
      }
      return null;
    }
    if (typeof v === "object" && v !== null) {
      for (const [key, child] of Object.entries(v)) {
        if (scanned >= MAX_SCANNED_VALUES) break;
        const found = walk(child, [...at, key]);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(value, []);
}

/** The club slug of a `/c/<slug>/…` or `/api/c/<slug>/…` path, when it looks like one. */
export function clubSlugOfPath(pathname: string): string | null {
  const m = /^(?:\/api)?\/c\/([^/?#]+)/.exec(pathname);
  if (!m) return null;
  const slug = m[1]!.toLowerCase();
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(slug) ? slug : null;
}
