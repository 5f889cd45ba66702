/**
 * Rules of a members CSV import (ADR 009), pure: the header is matched by name, each row
 * is checked and every problem is named with its line, so that the manager sees the whole
 * preview before anything is written. Columns: name, email, tier, role, valid until.
 */
import { ROLES, type Role } from "@/lib/auth/capabilities";
import { parseCsv } from "@/lib/csv";
import { parseLocalDate, type LocalDate } from "@/lib/time";

/** The role column: one of the roles of the ladder (lib/auth/capabilities.ts). */
export type ImportRole = Role;

export type ImportRow = {
  /** Line of the file (the header is line 1). */
  line: number;
  name: string;
  email: string;
  tierName: string | null;
  tierId: string | null;
  role: ImportRole;
  validUntil: LocalDate | null;
  errors: string[];
};

export type ImportPreview = {
  /** A problem with the file as a whole (no rows are then listed). */
  fileError: string | null;
  rows: ImportRow[];
  valid: boolean;
};

export const MAX_IMPORT_ROWS = 1000;

const COLUMNS = {
  name: ["name", "full name"],
  email: ["email", "email address", "e-mail"],
  tier: ["tier", "membership tier"],
  role: ["role"],
  validUntil: ["valid until", "valid_until", "validuntil", "expires"],
} as const;

const EMAIL = /^[^\s@",;<>]+@[^\s@",;<>]+\.[^\s@",;<>]+$/;

export type ImportContext = {
  tiers: ReadonlyArray<{ id: string; name: string }>;
  /** Emails (lower case) of the club's current members and pending invitations. */
  existingMembers: ReadonlySet<string>;
  /** Only an owner may grant the owner role. */
  actorIsOwner: boolean;
  today: LocalDate;
};

export function previewMemberImport(csv: string, ctx: ImportContext): ImportPreview {
  const parsed = parseCsv(csv);
  if (parsed.error) return { fileError: parsed.error, rows: [], valid: false };
  const [header, ...records] = parsed.rows;
  if (!header) return { fileError: "The file is empty.", rows: [], valid: false };
  const norm = header.map((h) => h.trim().toLowerCase());
  const col = (names: ReadonlyArray<string>) => norm.findIndex((h) => names.includes(h));
  const idx = {
    name: col(COLUMNS.name),
    email: col(COLUMNS.email),
    tier: col(COLUMNS.tier),
    role: col(COLUMNS.role),
    validUntil: col(COLUMNS.validUntil),
  };
  const missing = (["name", "email"] as const).filter((k) => idx[k] < 0);
  if (missing.length)
    return {
      fileError: `The first line must name the columns; missing: ${missing.join(", ")} (expected name, email, tier, role, valid until).`,
      rows: [],
      valid: false,
    };
  if (records.length === 0)
    return { fileError: "The file has no member rows.", rows: [], valid: false };
  if (records.length > MAX_IMPORT_ROWS)
    return {
      fileError: `At most ${MAX_IMPORT_ROWS} members per import (this file has ${records.length}).`,
      rows: [],
      valid: false,
    };

  const tiersByName = new Map(ctx.tiers.map((t) => [t.name.trim().toLowerCase(), t.id]));
  const seen = new Map<string, number>();
  const rows = records.map((record, i): ImportRow => {
    const cell = (j: number) => (j >= 0 ? (record[j] ?? "").trim() : "");
    const line = i + 2;
    const errors: string[] = [];
    const name = cell(idx.name);
    const email = cell(idx.email).toLowerCase();
    const tierName = cell(idx.tier) || null;
    const roleText = cell(idx.role).toUpperCase() || "PLAYER";
    const validText = cell(idx.validUntil);

    if (!name) errors.push("The name is missing.");
    else if (name.length > 120) errors.push("The name is longer than 120 characters.");
    if (!email) errors.push("The email address is missing.");
    else if (email.length > 254 || !EMAIL.test(email))
      errors.push(`"${email}" is not an email address.`);
    else if (seen.has(email)) errors.push(`This email address is also on line ${seen.get(email)}.`);
    else if (ctx.existingMembers.has(email))
      errors.push("Already a member of the club or invited: change them in the member list.");
    if (email && !seen.has(email)) seen.set(email, line);

    let tierId: string | null = null;
    if (tierName) {
      tierId = tiersByName.get(tierName.toLowerCase()) ?? null;
      if (!tierId)
        errors.push(
          `No tier is called "${tierName}" (tiers: ${ctx.tiers.map((t) => t.name).join(", ") || "none"}).`,
        );
    }
    const role = ROLES.find((r) => r === roleText) ?? null;
    if (!role) errors.push(`"${cell(idx.role)}" is not a role (player, staff, manager or owner).`);
    else if (role === "OWNER" && !ctx.actorIsOwner)
      errors.push("Only an owner can grant the owner role.");

    let validUntil: LocalDate | null = null;
    if (validText) {
      validUntil = parseLocalDate(validText);
      if (!validUntil) errors.push(`"${validText}" is not a date like 2027-06-30.`);
      else if (validUntil < ctx.today) errors.push("The end of validity is in the past.");
    }
    return {
      line,
      name,
      email,
      tierName,
      tierId,
      role: role ?? "PLAYER",
      validUntil,
      errors,
    };
  });
  return { fileError: null, rows, valid: rows.every((r) => r.errors.length === 0) };
}

/** State of the import form (useActionState): the preview and the text it was made from. */
export type ImportFormState = {
  status: "idle" | "error" | "preview" | "success";
  message?: string;
  preview?: ImportPreview;
  csv?: string;
};
