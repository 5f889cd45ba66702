import { describe, expect, it } from "vitest";
import { fromPaypalValue, toPaypalValue } from "./paypal-amount";

describe("PayPal amounts", () => {
  it("formats minor units", () => {
    expect(toPaypalValue(1500, "EUR")).toBe("15.00");
    expect(toPaypalValue(5, "EUR")).toBe("0.05");
    expect(toPaypalValue(1500, "JPY")).toBe("1500");
    expect(() => toPaypalValue(1.5, "EUR")).toThrow();
  });
  it("parses strictly", () => {
    expect(fromPaypalValue("15.00", "EUR")).toBe(1500);
    expect(fromPaypalValue("15.5", "EUR")).toBe(1550);
    expect(fromPaypalValue("15", "EUR")).toBe(1500);
    expect(fromPaypalValue("15.001", "EUR")).toBeUndefined();
    expect(fromPaypalValue("-1.00", "EUR")).toBeUndefined();
    expect(fromPaypalValue("1e3", "EUR")).toBeUndefined();
    expect(fromPaypalValue("15.00", "JPY")).toBeUndefined();
  });
});
