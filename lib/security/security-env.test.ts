import { describe, expect, it } from "vitest";
import { securitySettingsOrThrow } from "./security-env";

describe("threat-detection configuration", () => {
  it("defaults: loopback hosts, 5 s passes, no server log", () => {
    expect(securitySettingsOrThrow({})).toEqual({
      operatorEmail: null,
      serverLogDir: null,
      appHosts: ["127.0.0.1", "::1"],
      operatorHosts: ["127.0.0.1", "::1"],
      intervalMs: 5_000,
    });
  });

  it("reads the host lists and the log directory", () => {
    const s = securitySettingsOrThrow({
      DB_APP_HOSTS: "10.0.1.11, 10.0.1.12",
      DB_OPERATOR_HOSTS: "10.0.9.5",
      DB_SERVER_LOG_DIR: "/var/lib/postgresql/15/main/log",
      OPERATOR_EMAIL: "ops@club.org",
    });
    expect(s.appHosts).toEqual(["10.0.1.11", "10.0.1.12"]);
    expect(s.operatorHosts).toEqual(["10.0.9.5"]);
    expect(s.serverLogDir).toBe("/var/lib/postgresql/15/main/log");
  });

  it("names each bad variable, and requires OPERATOR_EMAIL in production", () => {
    const bad = () =>
      securitySettingsOrThrow({ DB_APP_HOSTS: "app-1.internal", DB_SERVER_LOG_DIR: "log" });
    expect(bad).toThrow(/DB_APP_HOSTS must be a comma-separated list of IP addresses/);
    expect(bad).toThrow(/DB_SERVER_LOG_DIR must be an absolute path/);
    expect(() => securitySettingsOrThrow({ NODE_ENV: "production" })).toThrow(
      /OPERATOR_EMAIL is required in production/,
    );
    expect(() =>
      securitySettingsOrThrow({ NODE_ENV: "production", DEPLOYMENT_ENV: "staging" }),
    ).not.toThrow();
  });
});
