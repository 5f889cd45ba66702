import { describe, expect, it } from "vitest";
import { formatAlertTable, parseAlertsArgs } from "@/lib/security-alerts-table";

describe("the flags of npm run security:alerts", () => {
  it("reads --open, --club and --since", () => {
    expect(parseAlertsArgs([])).toEqual({
      ok: true,
      command: { open: false, club: null, sinceMs: null },
    });
    expect(parseAlertsArgs(["--open", "--club", "demo", "--since", "7d"])).toEqual({
      ok: true,
      command: { open: true, club: "demo", sinceMs: 7 * 86_400_000 },
    });
    expect(parseAlertsArgs(["--since=12h", "--club=tc-lyon"])).toEqual({
      ok: true,
      command: { open: false, club: "tc-lyon", sinceMs: 12 * 3_600_000 },
    });
    expect(parseAlertsArgs(["--since", "30m"])).toMatchObject({ command: { sinceMs: 1_800_000 } });
  });

  it("names the flag that is wrong", () => {
    expect(parseAlertsArgs(["--opne"])).toEqual({
      ok: false,
      message: expect.stringMatching(/^unknown flag --opne: usage: npm run security:alerts/),
    });
    expect(parseAlertsArgs(["--since", "7 days"])).toEqual({
      ok: false,
      message: "--since needs a duration like 30m, 12h or 7d (got 7 days)",
    });
    expect(parseAlertsArgs(["--since"])).toMatchObject({ ok: false, message: /^--since / });
    expect(parseAlertsArgs(["--club"])).toMatchObject({ ok: false, message: /^--club / });
    expect(parseAlertsArgs(["--club", "Not A Slug"])).toMatchObject({ message: /^--club / });
    expect(parseAlertsArgs(["--open=yes"])).toMatchObject({ message: "--open takes no value" });
    expect(parseAlertsArgs(["stray"])).toMatchObject({ message: /^unknown flag stray/ });
  });
});

describe("the table", () => {
  const row = {
    lastSeen: new Date("2026-12-04T09:05:00Z"),
    severity: "critical",
    kind: "injection_probe",
    club: "demo",
    source: "ip:203.0.113.9",
    count: 12,
    closedAt: null,
    acknowledgedAt: null,
    summary: "SQL injection probes on the booking form",
  };

  it("aligns every column, the count to the right, the summary last", () => {
    expect(
      formatAlertTable([
        row,
        {
          ...row,
          lastSeen: new Date("2026-12-03T23:59:30Z"),
          severity: "low",
          kind: "db_auth_failure",
          club: null,
          source: "pg:courtside_app",
          count: 3,
          closedAt: new Date("2026-12-04T00:30:00Z"),
          summary: "Refused database\nauthentications",
        },
        { ...row, count: 1, acknowledgedAt: new Date(), summary: "Acknowledged one" },
      ]),
    ).toBe(
      [
        "LAST SEEN          SEVERITY  KIND             SCOPE       SOURCE            COUNT  STATE         SUMMARY",
        "2026-12-04 09:05Z  critical  injection_probe  demo        ip:203.0.113.9       12  active        SQL injection probes on the booking form",
        "2026-12-03 23:59Z  low       db_auth_failure  deployment  pg:courtside_app      3  quiet         Refused database authentications",
        "2026-12-04 09:05Z  critical  injection_probe  demo        ip:203.0.113.9        1  acknowledged  Acknowledged one",
      ].join("\n"),
    );
  });

  it("says so when there is no alert", () => {
    expect(formatAlertTable([])).toBe("No security alerts.");
  });
});
