import { describe, expect, it } from "vitest";
import { DETECTORS, DIGEST_EVERY_MS, alertSummary, emailDue, isDetectorKind } from "./detectors";

const t0 = new Date("2026-12-04T20:00:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

describe("detectors", () => {
  it("every detector has a positive threshold and window, and db detectors fire at the first event", () => {
    for (const [kind, d] of Object.entries(DETECTORS)) {
      expect(d.threshold, kind).toBeGreaterThan(0);
      expect(d.windowMs, kind).toBeGreaterThan(0);
      if (kind.startsWith("db.")) expect(d.threshold).toBe(1);
      if (kind.startsWith("admin.")) expect(d.scope).toBe("club");
      if (!kind.startsWith("admin.")) expect(d.scope).toBe("deployment");
    }
    expect(isDetectorKind("probe")).toBe(true);
    expect(isDetectorKind("toString")).toBe(false);
  });

  it("summaries name the detector, the source and the count", () => {
    expect(alertSummary("probe", "203.0.113.9", 200)).toBe(
      "Injection or scanning probes: 203.0.113.9 (200 events)",
    );
    expect(alertSummary("db.unknown_role", "x@y", 1)).toMatch(/\(1 event\)$/);
  });
});

describe("alert emails are throttled", () => {
  const base = { count: 1, emailsSent: 0, emailedCount: 0, lastEmailAt: null, closedAt: null };

  it("one email when it starts", () => {
    expect(emailDue(base, t0)).toBe("start");
  });

  it("then nothing until it grows and 15 minutes have passed, then a digest", () => {
    const sent = { ...base, count: 40, emailsSent: 1, emailedCount: 40, lastEmailAt: t0 };
    expect(emailDue(sent, later(DIGEST_EVERY_MS))).toBeNull(); // did not grow
    const grown = { ...sent, count: 200 };
    expect(emailDue(grown, later(60_000))).toBeNull();
    expect(emailDue(grown, later(DIGEST_EVERY_MS - 1))).toBeNull();
    expect(emailDue(grown, later(DIGEST_EVERY_MS))).toBe("digest");
  });

  it("a closed alert that grew since its last email gets a last digest", () => {
    expect(
      emailDue(
        { count: 9, emailsSent: 1, emailedCount: 5, lastEmailAt: t0, closedAt: later(1) },
        later(DIGEST_EVERY_MS),
      ),
    ).toBe("digest");
  });
});
