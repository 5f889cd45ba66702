import { describe, expect, it } from "vitest";
import { MAX_SOCKET_PATH_BYTES, socketDirFor, socketUrl } from "./socket-dir";

describe("socket folder of an embedded cluster", () => {
  it("is the cluster's folder when the socket path fits, a short one under /tmp otherwise", () => {
    expect(socketDirFor("/tmp/courtside/vitest-pg-1/pg", 54329)).toBe(
      "/tmp/courtside/vitest-pg-1/pg",
    );
    const deep = `/work/${"very-long-folder-name/".repeat(5)}.data/pg`;
    const dir = socketDirFor(deep, 54329);
    expect(dir).toMatch(/^\/tmp\/courtside-pg-[0-9a-f]{16}$/);
    expect(Buffer.byteLength(`${dir}/.s.PGSQL.54329`)).toBeLessThanOrEqual(MAX_SOCKET_PATH_BYTES);
    expect(socketDirFor(deep, 54329)).toBe(dir); // the same cluster, the same folder
  });

  it("makes a URL that pg reads as the socket's folder and port", async () => {
    const { parse } = await import("pg-connection-string");
    const url = socketUrl({
      user: "postgres",
      password: "p@ss/word",
      socketDir: "/tmp/courtside/x/pg",
      port: 54329,
      database: "courtside",
      applicationName: "courtside-setup",
    });
    expect(parse(url)).toMatchObject({
      host: "/tmp/courtside/x/pg",
      port: "54329",
      user: "postgres",
      password: "p@ss/word",
      database: "courtside",
      application_name: "courtside-setup",
    });
  });
});
