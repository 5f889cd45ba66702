/**
 * The client address the app sees (docs/decisions/015-secrets-at-rest-and-client-address.md):
 * requests go over a real socket through the request rewriting of scripts/serve.ts
 * (lib/client-address.ts) to a handler that reads the address exactly as the use cases do
 * (server/auth/request-context.ts#clientIp). A spoofed X-Forwarded-For changes nothing with
 * TRUST_PROXY=false; with TRUST_PROXY=true only the last hop counts.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { rewriteClientAddress, withClientAddress } from "@/lib/client-address";
import { clientIp } from "@/server/auth/request-context";

let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** Starts the rewriting in front of a handler answering the address the app would use. */
async function start(trustProxy: boolean): Promise<number> {
  server = createServer(
    withClientAddress(
      (req, res) => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers))
          if (typeof v === "string") headers.set(k, v);
        res.setHeader("content-type", "application/json");
        res.end(
          JSON.stringify({
            ip: clientIp(headers, { trustProxy }),
            xff: req.headers["x-forwarded-for"],
          }),
        );
      },
      { trustProxy },
    ),
  );
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return (server!.address() as AddressInfo).port;
}

function get(port: number, headers: Record<string, string>) {
  return new Promise<{ ip: string | null; xff: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(JSON.parse(body) as { ip: string | null; xff: string }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("client address over a real socket", () => {
  it("TRUST_PROXY=false: a spoofed X-Forwarded-For or X-Real-IP is replaced by the socket address", async () => {
    const port = await start(false);
    expect(await get(port, {})).toEqual({ ip: "127.0.0.1", xff: "127.0.0.1" });
    expect(await get(port, { "x-forwarded-for": "203.0.113.66" })).toEqual({
      ip: "127.0.0.1",
      xff: "127.0.0.1",
    });
    expect(
      await get(port, {
        "x-forwarded-for": "203.0.113.1, 203.0.113.2",
        "x-real-ip": "203.0.113.3",
      }),
    ).toEqual({ ip: "127.0.0.1", xff: "127.0.0.1" });
  });

  it("TRUST_PROXY=true: only the hop the proxy appended counts", async () => {
    const port = await start(true);
    // The client wrote "198.51.100.99"; the proxy appended the address it saw.
    expect(await get(port, { "x-forwarded-for": "198.51.100.99, 203.0.113.10" })).toEqual({
      ip: "203.0.113.10",
      xff: "203.0.113.10",
    });
    // A request that reached the app without the proxy's header: the socket address.
    expect(await get(port, {})).toEqual({ ip: "127.0.0.1", xff: "127.0.0.1" });
  });
});

describe("rewriteClientAddress", () => {
  const req = (headers: Record<string, string | string[]>, remoteAddress?: string) =>
    ({ headers, socket: { remoteAddress } }) as unknown as Parameters<
      typeof rewriteClientAddress
    >[0];

  it("joins repeated headers before taking the last hop", () => {
    const r = req({ "x-forwarded-for": ["6.6.6.6", "7.7.7.7, 203.0.113.4"] }, "10.0.0.2");
    rewriteClientAddress(r, { trustProxy: true });
    expect(r.headers["x-forwarded-for"]).toBe("203.0.113.4");
  });

  it("drops the header when there is no address at all", () => {
    const r = req({ "x-forwarded-for": "6.6.6.6", "x-real-ip": "6.6.6.6" });
    rewriteClientAddress(r, { trustProxy: false });
    expect(r.headers["x-forwarded-for"]).toBeUndefined();
    expect(r.headers["x-real-ip"]).toBeUndefined();
  });
});
