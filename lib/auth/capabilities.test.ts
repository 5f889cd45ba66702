import { describe, expect, it } from "vitest";
import {
  CAPABILITIES,
  can,
  canGrant,
  ROLES,
  roleAtLeast,
  rolesAtLeast,
  STAFF_ROLES,
  type Capability,
} from "@/lib/auth/capabilities";

const capabilities = Object.keys(CAPABILITIES) as Capability[];

describe("the role ladder", () => {
  it("orders the roles from owner down to player", () => {
    expect(ROLES).toEqual(["OWNER", "MANAGER", "STAFF", "PLAYER"]);
    expect(roleAtLeast("MANAGER", "STAFF")).toBe(true);
    expect(roleAtLeast("STAFF", "MANAGER")).toBe(false);
    expect(rolesAtLeast("MANAGER")).toEqual(["OWNER", "MANAGER"]);
    expect(STAFF_ROLES).toEqual(["OWNER", "MANAGER", "STAFF"]);
  });
});

describe("the capability table", () => {
  it("asks a verified second factor for every capability above a player (ADR 017)", () => {
    for (const name of capabilities) {
      const { leastRole, twoFactor } = CAPABILITIES[name];
      expect(twoFactor, name).toBe(roleAtLeast(leastRole, "STAFF"));
    }
  });

  it("grants a capability to its least role and every role above it, never below", () => {
    for (const name of capabilities) {
      const least = CAPABILITIES[name].leastRole;
      for (const role of ROLES)
        expect(can(role, name), `${role} ${name}`).toBe(roleAtLeast(role, least));
    }
  });

  it("keeps the gateways and the owner role to owners, refunds to managers, bookings to staff", () => {
    expect(can("MANAGER", "configureGateways")).toBe(false);
    expect(can("OWNER", "configureGateways")).toBe(true);
    expect(can("STAFF", "refundPayments")).toBe(false);
    expect(can("STAFF", "viewPayments")).toBe(true);
    expect(can("STAFF", "cancelForMember")).toBe(true);
    expect(can("PLAYER", "cancelForMember")).toBe(false);
  });

  it("lets only an owner grant or touch the owner role", () => {
    expect(canGrant("MANAGER", "OWNER")).toBe(false);
    expect(canGrant("MANAGER", "MANAGER")).toBe(true);
    expect(canGrant("OWNER", "OWNER")).toBe(true);
  });
});
