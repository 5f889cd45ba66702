/**
 * Input schemas of the club admin's members screens (ADR 009), shared by the forms and
 * the use cases in server/admin/members/.
 */
import { z } from "zod";
import { parseLocalDate } from "@/lib/time";
import { Email, NewPassword } from "@/schemas/auth";

export const ADMIN_ROLES = ["OWNER", "MANAGER", "STAFF", "PLAYER"] as const;
export const MemberRole = z.enum(ADMIN_ROLES, { error: "Choose a role." });

export const Uuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
    error: "Choose one from the list.",
  });

/** An optional tier id: "" (no tier) or a uuid. */
export const OptionalTierId = z
  .union([z.literal(""), Uuid])
  .optional()
  .transform((v) => (v ? v : null));

/** An optional end date of the membership, YYYY-MM-DD; "" means no end. */
export const OptionalValidUntil = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || parseLocalDate(v) !== null, "Enter a date like 2027-06-30.")
  .transform((v) => (v ? v : null));

export const InviteMemberInput = z.object({
  email: Email,
  name: z
    .string()
    .trim()
    .max(120, "Use at most 120 characters.")
    .optional()
    .transform((v) => v || null),
  role: MemberRole.default("PLAYER"),
  tierId: OptionalTierId,
  validUntil: OptionalValidUntil,
});
export type InviteMemberInput = z.infer<typeof InviteMemberInput>;

export const UpdateMembershipInput = z.object({
  membershipId: Uuid,
  role: MemberRole,
  tierId: OptionalTierId,
  validUntil: OptionalValidUntil,
});

export const DeactivateMembershipInput = z.object({ membershipId: Uuid });

export const RevokeInvitationInput = z.object({ invitationId: Uuid });

/** The CSV text of an import (pasted or uploaded), at most 1,000 rows. */
export const MemberImportInput = z.object({
  csv: z
    .string({ error: "Paste the CSV text or choose a file." })
    .min(1, "Paste the CSV text or choose a file.")
    .max(500_000, "This file is too large (500 kB at most)."),
});

export const AcceptInvitationInput = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This invitation link is incomplete or damaged."),
});

/** A new account created from an invitation: the address is the invitation's. */
export const RegisterFromInvitationInput = z.object({
  token: AcceptInvitationInput.shape.token,
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(120, "Use at most 120 characters."),
  password: NewPassword,
});
