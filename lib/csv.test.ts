import { describe, expect, it } from "vitest";
import { csvField, neutralizeFormula, parseCsv, toCsv, UTF8_BOM } from "./csv";

describe("neutralizeFormula", () => {
  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://evil","x")'])(
    "prefixes %j with a single quote",
    (v) => expect(neutralizeFormula(v)).toBe(`'${v}`),
  );
  it.each(["Alice", "", " =x", "1=1", "'already"])("leaves %j alone", (v) =>
    expect(neutralizeFormula(v)).toBe(v),
  );
});

describe("csvField", () => {
  it("quotes commas, quotes and line breaks (RFC 4180)", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rin")).toBe('"cr\rin"');
  });
  it("neutralises before quoting", () => {
    expect(csvField('=HYPERLINK("http://evil.example","click")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""click"")"',
    );
    expect(csvField("\r=1")).toBe('"\'\r=1"');
  });
  it("writes numbers, booleans and empty values", () => {
    expect(csvField(-5)).toBe("-5");
    expect(csvField(3.5)).toBe("3.5");
    expect(csvField(Number.NaN)).toBe("");
    expect(csvField(true)).toBe("yes");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });
  it("keeps non-ASCII characters", () => {
    expect(csvField("Zoë Ångström 日本")).toBe("Zoë Ångström 日本");
  });
});

describe("toCsv", () => {
  it("starts with a BOM and ends every record with CRLF", () => {
    expect(toCsv(["a", "b"], [["1", 2]])).toBe(`${UTF8_BOM}a,b\r\n1,2\r\n`);
  });
});

describe("parseCsv", () => {
  it("reads quoted fields, doubled quotes, CRLF and LF, a BOM, and skips blank lines", () => {
    const r = parseCsv(`${UTF8_BOM}name,email\r\n"Doe, Jane","j@x.test"\n\n"say ""hi""",b\n`);
    expect(r).toEqual({
      rows: [
        ["name", "email"],
        ["Doe, Jane", "j@x.test"],
        ['say "hi"', "b"],
      ],
      error: null,
    });
  });
  it("keeps empty fields and a last line without a line break", () => {
    expect(parseCsv("a,,c\n,,").rows).toEqual([
      ["a", "", "c"],
      ["", "", ""],
    ]);
  });
  it("reads line breaks inside quotes", () => {
    expect(parseCsv('"a\nb",c').rows).toEqual([["a\nb", "c"]]);
  });
  it("reports an unterminated quote and a stray quote", () => {
    expect(parseCsv('a,"b\n').error).toMatch(/not closed/);
    expect(parseCsv('ab"c,d').error).toMatch(/quote inside/);
    expect(parseCsv('"ab"c,d').error).toMatch(/after a quote/);
  });
  it("round-trips what toCsv writes (neutralised cells keep their quote)", () => {
    const rows = [["x,y", 'q"', "line\nbreak", "=1"]];
    expect(parseCsv(toCsv(["a", "b", "c", "d"], rows)).rows).toEqual([
      ["a", "b", "c", "d"],
      ["x,y", 'q"', "line\nbreak", "'=1"],
    ]);
  });
});
