import { describe, expect, it } from "vitest";
import { readLimitedBody } from "./read-limited-body";

function streamed(parts: string[]): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
  return new Request("http://localhost/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readLimitedBody", () => {
  it("returns the bytes of a body within the limit", async () => {
    const res = await readLimitedBody(
      new Request("http://localhost/x", { method: "POST", body: "héllo" }),
      6,
    );
    expect(res.ok && new TextDecoder().decode(res.bytes)).toBe("héllo");
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const req = new Request("http://localhost/x", {
      method: "POST",
      body: "x",
      headers: { "content-length": "100000" },
    });
    expect(await readLimitedBody(req, 10)).toEqual({ ok: false, reason: "too-large" });
    expect(req.bodyUsed).toBe(false);
  });

  it("refuses a chunked body that grows over the limit", async () => {
    expect(await readLimitedBody(streamed(["12345", "67890", "1"]), 10)).toEqual({
      ok: false,
      reason: "too-large",
    });
    const exact = await readLimitedBody(streamed(["12345", "67890"]), 10);
    expect(exact.ok && exact.bytes.byteLength).toBe(10);
  });

  it("accepts an empty body", async () => {
    const res = await readLimitedBody(new Request("http://localhost/x", { method: "POST" }), 10);
    expect(res.ok && res.bytes.byteLength).toBe(0);
  });
});
