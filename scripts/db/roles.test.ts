import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BACKUP_ROLE_GRANTS } from "./roles";

describe("pgBackRest's role", () => {
  it("the production bootstrap grants it exactly what the embedded cluster does", () => {
    const bootstrap = readFileSync(
      path.join(import.meta.dirname, "../../deploy/postgresql/courtside-bootstrap.sql"),
      "utf8",
    );
    for (const grant of BACKUP_ROLE_GRANTS) expect(bootstrap).toContain(`${grant};`);
    expect(bootstrap.match(/^GRANT .* TO courtside_backup;$/gm)).toHaveLength(
      BACKUP_ROLE_GRANTS.length,
    );
    expect(bootstrap).toMatch(/CREATE ROLE courtside_backup LOGIN NOSUPERUSER/);
  });
});
