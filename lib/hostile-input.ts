/**
 * The input boundary's checks for text nobody types (docs/decisions/016-hostile-input.md): an
 * address that is not valid percent-encoding of UTF-8, and control characters (C0 and DEL, C1)
 * in the address, a query value, a form value or a JSON string. PostgreSQL `text` refuses NUL
 * outright, and no field of the app means anything with the others. Tab, line feed and carriage
 * return stay allowed in bodies (multi-line notes); never in an address. Pure: no I/O.
 */

/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const BODY_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Every control character, tab and newlines included. */
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

export const ADDRESS_NOT_UTF8 = "The address is not valid percent-encoding/UTF-8.";
export const ADDRESS_CONTROL = "The address contains a control character.";

export function hasBodyControlCharacter(value: string): boolean {
  return BODY_CONTROL.test(value);
}

/** decodeURIComponent, or null when the text is not valid percent-encoding of UTF-8. */
function decode(part: string): string | null {
  try {
    // Overlong forms, surrogates and truncated sequences all throw (ECMA-262 Decode).
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/**
 * What is wrong with a request target's path and query (as the URL parser left them, still
 * percent-encoded), or null. Each path segment and each query name and value must decode as
 * UTF-8 and hold no control character.
 */
export function addressProblem(pathname: string, search: string): string | null {
  const parts = pathname.split("/");
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (query) {
    for (const pair of query.split("&")) {
      for (const p of pair.split("=")) parts.push(p.replaceAll("+", " "));
    }
  }
  let control = false;
  for (const part of parts) {
    const decoded = decode(part);
    if (decoded === null) return ADDRESS_NOT_UTF8;
    if (ANY_CONTROL.test(decoded)) control = true;
  }
  return control ? ADDRESS_CONTROL : null;
}

/**
 * The path (`items.0.name`, or `input` for the value itself) of the first string or key holding a
 * control character in a parsed JSON value, or null.
 */
export function controlCharacterPath(value: unknown, at: string[] = []): string | null {
  const here = () => (at.length ? at.join(".") : "input");
  if (typeof value === "string") return hasBodyControlCharacter(value) ? here() : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = controlCharacterPath(value[i], [...at, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (hasBodyControlCharacter(key)) return here();
      const found = controlCharacterPath(v, [...at, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The first form field (name or string value) holding a control character, or null. */
export function formControlCharacterField(entries: Iterable<[string, unknown]>): string | null {
  for (const [name, value] of entries) {
    if (hasBodyControlCharacter(name)) return "form";
    if (typeof value === "string" && hasBodyControlCharacter(value)) return name;
  }
  return null;
}
