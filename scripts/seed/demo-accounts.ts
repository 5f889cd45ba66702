/**
 * Who the demo club is: its slug and its accounts with their known passwords and TOTP keys. Kept
 * apart from the seed (no database client, no hashing) so that the production start-up guard
 * (scripts/db/demo-guard.ts) can name them without loading the seed.
 */
import type { Role } from "../../generated/prisma/client.ts";

export const DEMO_CLUB_SLUG = "demo";
export const DEMO_TIME_ZONE = "Europe/Paris";

/**
 * Fixed TOTP secrets (base32) of the demo staff accounts, which must use two-factor
 * authentication. Printed by `npm run dev` and listed in the README: demo data only.
 */
export const DEMO_TOTP_SECRETS = {
  owner: "COURTSIDEDEMOOWNERTOTPKEYAAAAAAA",
  manager: "COURTSIDEDEMOMANAGERTOTPKEYAAAAA",
  staff: "COURTSIDEDEMOSTAFFTOTPKEYAAAAAAA",
} as const;

export const DEMO_ACCOUNTS: ReadonlyArray<{
  email: string;
  name: string;
  role: Role;
  password: string;
  tier: "Standard" | "Junior";
  /** Staff roles must use two-factor authentication: enrolled with this fixed secret. */
  totpSecret?: string;
}> = [
  {
    email: "owner@courtside.test",
    name: "Olivia Owner",
    role: "OWNER",
    password: "demo-owner-court-2026",
    tier: "Standard",
    totpSecret: DEMO_TOTP_SECRETS.owner,
  },
  {
    email: "manager@courtside.test",
    name: "Marc Manager",
    role: "MANAGER",
    password: "demo-manager-court-2026",
    tier: "Standard",
    totpSecret: DEMO_TOTP_SECRETS.manager,
  },
  {
    email: "staff@courtside.test",
    name: "Sophie Staff",
    role: "STAFF",
    password: "demo-staff-court-2026",
    tier: "Standard",
    totpSecret: DEMO_TOTP_SECRETS.staff,
  },
  {
    email: "alice@courtside.test",
    name: "Alice Martin",
    role: "PLAYER",
    password: "demo-player-court-2026",
    tier: "Standard",
  },
  {
    email: "bob@courtside.test",
    name: "Bob Durand",
    role: "PLAYER",
    password: "demo-player-court-2026",
    tier: "Standard",
  },
  {
    email: "chloe@courtside.test",
    name: "Chloé Petit",
    role: "PLAYER",
    password: "demo-player-court-2026",
    tier: "Standard",
  },
  {
    email: "david@courtside.test",
    name: "David Moreau",
    role: "PLAYER",
    password: "demo-player-court-2026",
    tier: "Standard",
  },
  {
    email: "emma@courtside.test",
    name: "Emma Leroy",
    role: "PLAYER",
    password: "demo-player-court-2026",
    tier: "Junior",
  },
];
