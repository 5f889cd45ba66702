import { describe, expect, it } from "vitest";
import { BACKOFF_CAP_MS, MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "./backoff";

describe("retry backoff", () => {
  it("doubles from 30 s and caps at one hour", () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, mid))).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000,
    ]);
    expect(retryDelayMs(8, mid)).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(1000, mid)).toBe(BACKOFF_CAP_MS);
    expect(retryDelayMs(0, mid)).toBe(30_000);
  });

  it("jitters by ±20 %", () => {
    expect(retryDelayMs(1, () => 0)).toBe(24_000);
    expect(retryDelayMs(1, () => 1)).toBe(36_000);
  });

  it("keeps retrying for hours before giving up (an outage of several minutes loses nothing)", () => {
    let total = 0;
    for (let n = 1; n < MAX_DELIVERY_ATTEMPTS; n++) total += retryDelayMs(n, () => 0);
    expect(total).toBeGreaterThan(6 * 3_600_000);
  });
});
