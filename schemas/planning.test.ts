import { describe, expect, it } from "vitest";
import {
  parsePlanningQuery,
  planningProblemMessages,
  planningQueryProblem,
} from "@/schemas/planning";

const NOW = new Date("2026-06-16T10:00:00Z");
const parse = (date: string | string[] | undefined, club = "demo") =>
  parsePlanningQuery(club, { date }, NOW);

function problem(date: string | string[] | undefined): string {
  const r = parse(date);
  if (r.ok) throw new Error("expected a problem");
  expect(r.badClub).toBe(false);
  return r.problems.map((p) => `${p.field} ${p.message}`).join("; ");
}

describe("planning query", () => {
  it("accepts a real date within two years, and no date (today)", () => {
    expect(parse("2026-06-16")).toEqual({ ok: true, query: { club: "demo", date: "2026-06-16" } });
    expect(parse("2028-06-16")).toMatchObject({ ok: true });
    expect(parse("2024-06-16")).toMatchObject({ ok: true });
    expect(parse(undefined)).toEqual({ ok: true, query: { club: "demo", date: undefined } });
    expect(parse("")).toEqual({ ok: true, query: { club: "demo", date: undefined } });
  });

  it("names the problem with malformed or absurd dates", () => {
    expect(problem("2026-02-30")).toMatch(/^date is not a real calendar date/);
    expect(problem("2026-13-01")).toMatch(/not a real calendar date/);
    expect(problem("abc")).toMatch(/^date must be a date written YYYY-MM-DD/);
    expect(problem("16/06/2026")).toMatch(/YYYY-MM-DD/);
    expect(problem("99999-01-01")).toMatch(/too long/);
    expect(problem("x".repeat(5000))).toMatch(/too long/);
    expect(problem("2029-01-01")).toMatch(
      /too far away: the planning covers 2024-06-16 to 2028-06-16/,
    );
    expect(problem("1999-12-31")).toMatch(/^date is too far away/);
    expect(problem("1999-12-31")).not.toMatch(/not a real/);
    expect(problem(["2026-06-16", "2026-06-17"])).toMatch(/given more than once/);
  });

  it("never echoes the value it refuses", () => {
    expect(problem("<script>alert(1)</script>")).not.toContain("<script>");
  });

  it("flags a malformed club slug separately (the page answers 404)", () => {
    for (const slug of ["Demo", "-demo", "demo-", "de_mo", "a".repeat(64), ""]) {
      const r = parse("2026-06-16", slug);
      expect(r).toMatchObject({ ok: false, badClub: true });
    }
    expect(parse("2026-06-16", "a".repeat(63))).toMatchObject({ ok: true });
  });

  it("tells proxy.ts which planning URLs are bad requests", () => {
    const u = (s: string) => new URL(s, "http://localhost");
    expect(planningQueryProblem(u("/c/demo/planning?date=2026-06-17"), NOW)).toBeNull();
    expect(planningQueryProblem(u("/c/demo/planning"), NOW)).toBeNull();
    expect(planningQueryProblem(u("/c/demo/planning?date=2026-02-30"), NOW)).toMatch(
      /^date is not a real/,
    );
    expect(planningQueryProblem(u("/c/demo/planning/?date=abc"), NOW)).toMatch(/YYYY-MM-DD/);
    expect(
      planningQueryProblem(u("/c/demo/planning?date=2026-06-16&date=2026-06-17"), NOW),
    ).toMatch(/more than once/);
    expect(planningQueryProblem(u("/c/demo?date=abc"), NOW)).toBeNull();
    expect(planningQueryProblem(u("/elsewhere?date=abc"), NOW)).toBeNull();
  });
});

describe("planningProblemMessages", () => {
  it("writes one sentence per field, the first problem of each, naming the date", () => {
    expect(
      planningProblemMessages([
        { field: "date", message: "is not a real calendar date" },
        { field: "date", message: "is too long" },
        { field: "input", message: "is invalid" },
      ]),
    ).toEqual(["The date is not a real calendar date.", "input is invalid."]);
    const r = parse("2026-02-30");
    expect(r.ok ? [] : planningProblemMessages(r.problems)).toEqual([
      expect.stringMatching(/^The date is not a real calendar date.*\.$/),
    ]);
  });
});
