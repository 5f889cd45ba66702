/**
 * CSV for spreadsheet apps (RFC 4180), pure. Writing: fields are quoted when they hold a comma,
 * a double quote, CR or LF (quotes doubled), records end with CRLF, and the file starts with a
 * UTF-8 byte order mark so that Excel reads accents right. Cells a spreadsheet would run as a
 * formula — starting with =, +, -, @, tab or CR — are neutralised with a leading single quote
 * (OWASP "CSV injection"). Reading: a small RFC 4180 parser for imports (quoted fields, doubled
 * quotes, CRLF or LF, an optional BOM).
 */

export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet would treat as a formula gets a leading single quote. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field: neutralised, then quoted if needed. Numbers are written as they are. */
export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    // A negative number is data, not a formula: keep it numeric.
    return String(value);
  }
  const text = neutralizeFormula(typeof value === "boolean" ? (value ? "yes" : "no") : value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: BOM, header, rows, each record ended by CRLF. */
export function toCsv(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<CsvCell>>) {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(",") + "\r\n");
  return UTF8_BOM + lines.join("");
}

export type CsvParseResult = { rows: string[][]; error: string | null };

/**
 * Parses CSV text into records of fields. Blank lines are skipped. Returns an error (and the
 * records read so far) on an unterminated quoted field or a quote in the middle of a field.
 */
export function parseCsv(input: string): CsvParseResult {
  const text = input.startsWith(UTF8_BOM) ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  const endRow = () => {
    row.push(field);
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
    field = "";
    fieldStarted = false;
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== "," && next !== "\r" && next !== "\n")
          return { rows, error: `Line ${rows.length + 1}: unexpected character after a quote.` };
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (fieldStarted && field !== "")
        return { rows, error: `Line ${rows.length + 1}: a quote inside an unquoted field.` };
      quoted = true;
      fieldStarted = true;
      i++;
      continue;
    }
    if (c === ",") {
      row.push(field);
      field = "";
      fieldStarted = false;
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") {
      endRow();
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    field += c;
    fieldStarted = true;
    i++;
  }
  if (quoted) return { rows, error: `Line ${rows.length + 1}: a quoted field is not closed.` };
  if (fieldStarted || row.length > 0) endRow();
  return { rows, error: null };
}
