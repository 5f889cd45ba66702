/**
 * Cookie attributes when the app's public URL is HTTPS, on the raw Set-Cookie headers: next-auth's
 * own cookies (CSRF, and the session of a sign-in through the Credentials provider over HTTP) and
 * the session cookie set by the /login server action. All are `__Host-` (Secure, Path=/, no
 * Domain), HttpOnly and SameSite=Lax. The browser-side check over plain HTTP is in
 * e2e/auth-register.spec.ts.
 */
import { ResponseCookies } from "next/dist/compiled/@edge-runtime/cookies";
import NextAuth from "next-auth";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/form-state";
import { authOptions } from "@/server/auth/auth-options";
import { getSession } from "@/server/auth/get-session";
import { createAccount, PASSWORD } from "../helpers/auth";
import { newRequest, request } from "../helpers/fake-next-request";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

const ORIGIN = "https://courts.example.test";
// Read lazily by server/env.ts: set before the first use in this file.
process.env.APP_URL = ORIGIN;
delete process.env.NEXTAUTH_URL;

/** Asserts a raw Set-Cookie header is a __Host- cookie: Secure, Path=/, no Domain, HttpOnly, Lax. */
function expectHostCookie(header: string | undefined) {
  expect(header).toBeDefined();
  const [nameValue, ...attributes] = header!.split(";").map((p) => p.trim());
  expect(nameValue).toMatch(/^__Host-[^=]+=.+/);
  const attrs = attributes.map((a) => a.toLowerCase());
  expect(attrs).toContain("path=/");
  expect(attrs).toContain("secure");
  expect(attrs).toContain("httponly");
  expect(attrs).toContain("samesite=lax");
  expect(attrs.some((a) => a.startsWith("domain="))).toBe(false);
}

/**
 * Calls next-auth's real handler (its API-route form, which needs no Next.js request scope) and
 * returns the raw Set-Cookie headers and body it produced.
 */
async function nextAuth(
  path: string,
  init: { method?: string; cookies?: Record<string, string>; body?: Record<string, string> } = {},
) {
  const headers = new Map<string, string | string[]>();
  let status = 200;
  let body: unknown;
  const res = {
    status(code: number) {
      status = code;
      return res;
    },
    getHeader: (k: string) => headers.get(k.toLowerCase()),
    setHeader(k: string, v: string | string[]) {
      headers.set(k.toLowerCase(), v);
      return res;
    },
    send(b: unknown) {
      body = b;
    },
    json(b: unknown) {
      body = b;
    },
    end() {},
  };
  const [action, providerId] = path.split("/");
  const req = {
    method: init.method ?? "GET",
    query: { nextauth: [action, ...(providerId ? [providerId] : [])] },
    body: init.body ?? {},
    cookies: init.cookies ?? {},
    headers: {
      host: "courts.example.test",
      "x-forwarded-proto": "https",
      "x-forwarded-for": "203.0.113.77",
    },
  };
  await NextAuth(req as never, res as never, authOptions());
  const setCookie = headers.get("set-cookie") ?? [];
  return { status, body, setCookies: Array.isArray(setCookie) ? setCookie : [setCookie] };
}

const cookiesOf = (setCookies: string[]) =>
  Object.fromEntries(
    setCookies
      .map((c) => c.split(";")[0]!)
      .map((kv) => [
        kv.slice(0, kv.indexOf("=")),
        decodeURIComponent(kv.slice(kv.indexOf("=") + 1)),
      ]),
  );

let user: { email: string; id: string };
beforeAll(async () => {
  user = await createAccount();
});

describe("cookies on an HTTPS deployment", () => {
  it("next-auth's CSRF cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/", async () => {
    const { setCookies } = await nextAuth("csrf");
    const csrf = setCookies.find((c) => c.startsWith("__Host-courtside.csrf-token="));
    expectHostCookie(csrf);
  });

  it("a sign-in through next-auth's Credentials provider sets a __Host- session cookie that validates", async () => {
    const csrf = await nextAuth("csrf");
    const { csrfToken } = csrf.body as { csrfToken: string };
    const res = await nextAuth("callback/credentials", {
      method: "POST",
      cookies: cookiesOf(csrf.setCookies),
      body: { csrfToken, email: user.email, password: PASSWORD, json: "true" },
    });
    const session = res.setCookies.find((c) => c.startsWith("__Host-courtside.session-token="));
    expectHostCookie(session);

    const jwt = cookiesOf([session!])["__Host-courtside.session-token"]!;
    newRequest({ cookies: { "__Host-courtside.session-token": jwt } });
    expect((await getSession())?.userId).toBe(user.id);

    // next-auth's session endpoint runs the same validation.
    const me = await nextAuth("session", { cookies: { "__Host-courtside.session-token": jwt } });
    expect(me.body).toMatchObject({ user: { id: user.id } });
  });

  it("a wrong password through next-auth sets no session", async () => {
    const csrf = await nextAuth("csrf");
    const { csrfToken } = csrf.body as { csrfToken: string };
    const res = await nextAuth("callback/credentials", {
      method: "POST",
      cookies: cookiesOf(csrf.setCookies),
      body: { csrfToken, email: user.email, password: "not-the-password-1", json: "true" },
    });
    expect(res.setCookies.some((c) => c.startsWith("__Host-courtside.session-token="))).toBe(false);
  });

  it("a next-auth POST without its CSRF token is refused", async () => {
    const res = await nextAuth("callback/credentials", {
      method: "POST",
      body: { email: user.email, password: PASSWORD, json: "true" },
    });
    expect(res.setCookies.some((c) => c.startsWith("__Host-courtside.session-token="))).toBe(false);
  });

  it("the /login server action sets __Host- session and device cookies", async () => {
    const { loginAction } = await import("@/app/(auth)/actions");
    newRequest({ headers: { origin: ORIGIN, "sec-fetch-site": "same-origin" } });
    const form = new FormData();
    form.set("email", user.email);
    form.set("password", PASSWORD);
    await expect(loginAction(IDLE, form)).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;/),
    });

    const raw = new Headers();
    const jar = new ResponseCookies(raw);
    for (const c of request.setCookies)
      jar.set(c.name, c.value, c.options as Parameters<typeof jar.set>[2]);
    expect(request.setCookies.map((c) => c.name).sort()).toEqual([
      "__Host-courtside.device",
      "__Host-courtside.session-token",
    ]);
    for (const c of request.setCookies)
      expectHostCookie(raw.getSetCookie().find((h) => h.startsWith(`${c.name}=`)));
  });
});
