/**
 * Who may do what in a club, in one table (docs/decisions/019-capability-table.md). Pure and
 * client-safe: the server gate (server/auth/require-user.ts requireClubPermission), the admin
 * navigation and the role-matrix test all read this table.
 */
import type { Role } from "@/generated/prisma/enums";

export type { Role };

/** The role ladder: what each role may do includes what the roles below it may do. */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  PLAYER: 0,
  STAFF: 1,
  MANAGER: 2,
  OWNER: 3,
};

/** Every role, highest first (the order of role pickers). */
export const ROLES: ReadonlyArray<Role> = (Object.keys(ROLE_RANK) as Role[]).sort(
  (a, b) => ROLE_RANK[b] - ROLE_RANK[a],
);

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

/** The roles at or above `minimum`, highest first (e.g. the staff roles of a database filter). */
export function rolesAtLeast(minimum: Role): Role[] {
  return ROLES.filter((r) => roleAtLeast(r, minimum));
}

/** The staff roles: every role above a player (they need 2FA, docs/decisions/017). */
export const STAFF_ROLES: ReadonlyArray<Role> = rolesAtLeast("STAFF");

type CapabilityRule = { leastRole: Role; twoFactor: boolean; description: string };

/**
 * The named capabilities of a club: the least role that has each, and whether the session must
 * have verified a second factor (every staff capability: docs/decisions/017).
 */
export const CAPABILITIES = {
  viewDashboard: {
    leastRole: "STAFF",
    twoFactor: true,
    description: "See the club's dashboard: today's occupancy, the next blocks, recent activity.",
  },
  viewSecurityEvents: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "See the dashboard's security panel: sign-ins and lockouts of the club's staff.",
  },
  viewBookings: {
    leastRole: "STAFF",
    twoFactor: true,
    description: "List every booking of the club.",
  },
  bookForMember: {
    leastRole: "STAFF",
    twoFactor: true,
    description: "Book a court on a member's behalf from the admin area.",
  },
  cancelForMember: {
    leastRole: "STAFF",
    twoFactor: true,
    description: "Cancel a member's booking at any time, past the tier's notice.",
  },
  manageBlocks: {
    leastRole: "STAFF",
    twoFactor: true,
    description: "See, preview, create and delete blocks of courts (lessons, events, works).",
  },
  viewPayments: {
    leastRole: "STAFF",
    twoFactor: true,
    description: "List the club's payments and refunds (read only).",
  },
  refundPayments: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Refund a payment, record a manual refund, retry a refused one.",
  },
  viewPaymentSettings: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "See the payment gateways and the refund policy (read only).",
  },
  configureRefundPolicy: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Change the club's refund policy for cancelled bookings.",
  },
  configureGateways: {
    leastRole: "OWNER",
    twoFactor: true,
    description: "Change the PayPal and Paybox credentials of the club.",
  },
  manageCourts: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Create, rename, reorder, close and delete courts.",
  },
  manageHours: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Set opening hours of the club and its courts, add and remove closures.",
  },
  manageTiers: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Edit membership tiers, sport rules and peak bands; test the rules as a member.",
  },
  managePrices: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Create and delete price rules, quote a price.",
  },
  manageSettings: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Change the club's settings (name, time zone, contact, booking defaults).",
  },
  manageMembers: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Invite, import, edit and end memberships (roles up to manager).",
  },
  manageOwners: {
    leastRole: "OWNER",
    twoFactor: true,
    description: "Grant, change or remove the owner role.",
  },
  exportData: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Download the bookings and members CSV exports.",
  },
  viewStatistics: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "See the club's statistics.",
  },
  viewAuditLog: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Read the club's audit log.",
  },
  viewSecurityAlerts: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "See the club's security alerts (what the threat detection found).",
  },
  acknowledgeSecurityAlerts: {
    leastRole: "MANAGER",
    twoFactor: true,
    description: "Acknowledge a security alert of the club with a note.",
  },
} as const satisfies Record<string, CapabilityRule>;

export type Capability = keyof typeof CAPABILITIES;

/** Whether a role (the effective one, after the 2FA gate) has a capability. */
export function can(role: Role, capability: Capability): boolean {
  return roleAtLeast(role, CAPABILITIES[capability].leastRole);
}

/**
 * Whether a role may grant, change or remove a membership or invitation with role `target`: the
 * owner role is managed only by those with manageOwners.
 */
export function canGrant(actorRole: Role, target: Role): boolean {
  return (
    !roleAtLeast(target, CAPABILITIES.manageOwners.leastRole) || can(actorRole, "manageOwners")
  );
}
