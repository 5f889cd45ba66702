/**
 * A stand-in for `next/headers` in integration tests, so that server actions and use cases that
 * read cookies and headers run unchanged outside a Next.js request:
 *
 *   vi.mock("next/headers", () => import("../helpers/fake-next-request"));
 *
 * `request` is the current fake request: set its cookies and headers, read what was set.
 */
type CookieOptions = {
  maxAge?: number;
  expires?: Date;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: string;
  path?: string;
};

export const request = {
  cookies: new Map<string, string>(),
  setCookies: [] as Array<{ name: string; value: string; options: CookieOptions }>,
  headers: new Headers(),
};

/** Starts a new fake request from a "browser" with these cookies, from this address. */
export function newRequest(
  options: { cookies?: Record<string, string>; ip?: string; headers?: Record<string, string> } = {},
) {
  request.cookies = new Map(Object.entries(options.cookies ?? {}));
  request.setCookies = [];
  request.headers = new Headers({
    "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36",
    "x-forwarded-for": options.ip ?? "203.0.113.10",
    ...options.headers,
  });
}

export async function cookies() {
  return {
    get(name: string) {
      const value = request.cookies.get(name);
      return value === undefined ? undefined : { name, value };
    },
    getAll() {
      return [...request.cookies.entries()].map(([name, value]) => ({ name, value }));
    },
    has(name: string) {
      return request.cookies.has(name);
    },
    set(name: string, value: string, options: CookieOptions = {}) {
      request.setCookies.push({ name, value, options });
      if (options.maxAge === 0 || value === "") request.cookies.delete(name);
      else request.cookies.set(name, value);
    },
    delete(name: string) {
      request.cookies.delete(name);
    },
  };
}

export async function headers() {
  return request.headers;
}

export async function draftMode() {
  return { isEnabled: false };
}
