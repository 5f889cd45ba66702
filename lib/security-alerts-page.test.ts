import { describe, expect, it } from "vitest";
import {
  alertState,
  alertsPageHref,
  evidenceLines,
  filterLinks,
  severityClass,
  severityLabel,
} from "@/lib/security-alerts-page";
import { SecurityAlertListQuery } from "@/schemas/security-alerts";

describe("severity", () => {
  it("is shown in words and colours, critical in red", () => {
    expect(severityLabel("critical")).toBe("Critical");
    expect(severityLabel("low")).toBe("Low");
    expect(severityClass("critical")).toContain("text-red-900");
    expect(severityClass("medium")).toContain("amber");
    expect(new Set(["low", "medium", "high", "critical"].map(severityClass)).size).toBe(4);
  });

  it("shows an unknown value as stored, in the neutral colour", () => {
    expect(severityLabel("weird")).toBe("weird");
    expect(severityClass("weird")).toBe(severityClass("low"));
  });
});

describe("the filter", () => {
  it("defaults to the alerts not yet acknowledged and ignores anything malformed", () => {
    expect(SecurityAlertListQuery.parse({})).toEqual({ state: "open", page: 1 });
    expect(SecurityAlertListQuery.parse({ state: "nope", page: "-3" })).toEqual({
      state: "open",
      page: 1,
    });
    expect(SecurityAlertListQuery.parse({ state: "all", page: "2" })).toEqual({
      state: "all",
      page: 2,
    });
  });

  it("links each filter, the current one marked, without default parameters", () => {
    expect(filterLinks("demo", "acknowledged")).toEqual([
      { label: "Not acknowledged", href: "/c/demo/admin/security", current: false },
      { label: "Acknowledged", href: "/c/demo/admin/security?state=acknowledged", current: true },
      { label: "All", href: "/c/demo/admin/security?state=all", current: false },
    ]);
    expect(alertsPageHref("demo", "all", 3)).toBe("/c/demo/admin/security?state=all&page=3");
    expect(alertsPageHref("demo", "open", 2)).toBe("/c/demo/admin/security?page=2");
  });
});

describe("an alert's state", () => {
  const base = {
    closedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgementNote: null,
  };

  it("is active while the detector sees it, quiet once closed, in the club's time", () => {
    expect(alertState(base, "Europe/Paris").label).toBe("Active");
    expect(alertState({ ...base, closedAt: "2026-12-04T17:30:00Z" }, "Europe/Paris")).toEqual({
      label: "Quiet",
      detail: "Nothing new since 2026-12-04 18:30.",
    });
  });

  it("names who acknowledged it, when, and their note", () => {
    expect(
      alertState(
        {
          ...base,
          closedAt: "2026-12-04T17:30:00Z",
          acknowledgedAt: "2026-12-04T23:15:00Z",
          acknowledgedBy: { name: "Max", email: "max@club.test" },
          acknowledgementNote: "Our own scanner.",
        },
        "Europe/Paris",
      ),
    ).toEqual({
      label: "Acknowledged",
      detail: "by Max (max@club.test) on 2026-12-05 00:15: Our own scanner.",
    });
  });
});

describe("evidence", () => {
  it("is key-value text sorted by key, one line each", () => {
    expect(
      evidenceLines({
        route: "/login",
        attempts: 42,
        blocked: true,
        ips: ["192.0.2.1", "192.0.2.2"],
        sample: { field: "email", pattern: "' OR 1=1" },
        note: "two\nlines",
        missing: null,
      }),
    ).toEqual([
      "attempts: 42",
      "blocked: true",
      "ips: 192.0.2.1, 192.0.2.2",
      "missing: —",
      "note: two lines",
      "route: /login",
      'sample: {"field":"email","pattern":"\' OR 1=1"}',
    ]);
  });

  it("cuts a long value and shows nothing for an empty object", () => {
    const [line] = evidenceLines({ body: "x".repeat(1000) });
    expect(line!.length).toBeLessThan(320);
    expect(line!.endsWith("…")).toBe(true);
    expect(evidenceLines({})).toEqual([]);
    expect(evidenceLines("plain")).toEqual(["plain"]);
  });
});
