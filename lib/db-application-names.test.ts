import { describe, expect, it } from "vitest";
import {
  DB_APPLICATION_NAMES,
  defaultApplicationName,
  withApplicationName,
} from "./db-application-names";

describe("database application names", () => {
  it("sets application_name on a URL, keeping its other parameters", () => {
    const url = withApplicationName(
      "postgresql://courtside_app:p%40ss@db.example.org/courtside?sslmode=verify-full&application_name=other",
      DB_APPLICATION_NAMES.worker,
    );
    const u = new URL(url);
    expect(u.searchParams.get("application_name")).toBe("courtside-worker");
    expect(u.searchParams.get("sslmode")).toBe("verify-full");
    expect(decodeURIComponent(u.password)).toBe("p@ss");
  });

  it("keeps an operator's own application_name as the default's exception", () => {
    const own = "postgresql://u:p@db/courtside?application_name=mine";
    expect(defaultApplicationName(own, DB_APPLICATION_NAMES.web)).toBe(own);
    expect(
      new URL(
        defaultApplicationName("postgresql://u:p@db/courtside", DB_APPLICATION_NAMES.web),
      ).searchParams.get("application_name"),
    ).toBe("courtside-web");
  });

  it("names each process differently", () => {
    const names = Object.values(DB_APPLICATION_NAMES);
    expect(new Set(names).size).toBe(names.length);
  });
});
