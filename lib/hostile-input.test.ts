import { describe, expect, it } from "vitest";
import {
  ADDRESS_CONTROL,
  ADDRESS_NOT_UTF8,
  addressProblem,
  controlCharacterPath,
  formControlCharacterField,
} from "./hostile-input";
import { planSecurity } from "./security-headers";

const config = {
  appUrl: "http://localhost:3000",
  requireHttps: false,
  trustProxy: false,
  dev: false,
};
const plan = (target: string) =>
  planSecurity({ url: `http://localhost:3000${target}`, headers: new Headers() }, config).action;

describe("addressProblem", () => {
  it.each([
    "/api/c/%zz/availability",
    "/api/c/demo/bookings/%ED%A0%80",
    "/api/calendar/%C0%AE%C0%AE%2F",
    "/c/%E0%A4%A/planning",
    "/c/%FF/planning",
    "/api/c/demo/members?q=%zz",
    "/api/c/demo/members?q=%ED%A0%80",
  ])("%s is not valid percent-encoding of UTF-8", (target) => {
    const u = new URL(`http://x${target}`);
    expect(addressProblem(u.pathname, u.search)).toBe(ADDRESS_NOT_UTF8);
  });

  it.each([
    "/c/a%00b",
    "/c/a%0Ab",
    "/c/a%7F",
    "/x?q=a%00b",
    "/x?q=%01",
    "/x?a%09=1",
    "/x?q=%C2%85",
  ])("%s contains a control character", (target) => {
    const u = new URL(`http://x${target}`);
    expect(addressProblem(u.pathname, u.search)).toBe(ADDRESS_CONTROL);
  });

  it.each([
    "/",
    "/c/demo/planning?date=2026-03-29",
    "/c/caf%C3%A9?q=Ren%C3%A9e+Dupont&x=%F0%9F%8E%BE",
    "/api/webhooks/paybox?M=1500&R=CS-1&K=abc%2Bdef%2F%3D%3D",
    "/x?flag&empty=&a=b=c",
  ])("%s is fine", (target) => {
    const u = new URL(`http://x${target}`);
    expect(addressProblem(u.pathname, u.search)).toBeNull();
  });
});

describe("planSecurity refuses malformed addresses with a 400 naming the problem", () => {
  it("bad encoding", () => {
    expect(plan("/api/c/%zz/availability")).toEqual({
      kind: "reject",
      status: 400,
      body: `Bad Request: ${ADDRESS_NOT_UTF8}\n`,
    });
  });
  it("a NUL in the query", () => {
    expect(plan("/api/c/demo/members?q=a%00b")).toMatchObject({ status: 400 });
  });
  it("a normal address goes on", () => {
    expect(plan("/c/demo/planning?date=2026-03-29")).toEqual({ kind: "next" });
  });
});

describe("control characters in bodies", () => {
  it("names the JSON path of the first string or key with one", () => {
    expect(controlCharacterPath({ a: "ok", guests: [{ name: "x\u0000" }] })).toBe("guests.0.name");
    expect(controlCharacterPath("a\u001b")).toBe("input");
    expect(controlCharacterPath({ "k\u0000": 1 })).toBe("input");
    expect(controlCharacterPath({ note: "line 1\nline 2\tand\r\n" })).toBeNull();
    expect(controlCharacterPath([1, true, null, { n: 2 }])).toBeNull();
  });
  it("names the form field", () => {
    expect(formControlCharacterField([["email", "a\u0000b"]])).toBe("email");
    expect(formControlCharacterField([["note", "two\nlines"]])).toBeNull();
  });
});
