import "server-only";
/**
 * Shared by the club-setup use cases of the admin area (not a use case itself): the mapping of
 * database refusals to form errors.
 */
import { AppError, sqlState } from "@/server/errors";

/** A unique violation (23505) becomes a conflict on `field`; anything else is rethrown. */
export function conflictOnDuplicate(err: unknown, field: string, message: string): never {
  const code = sqlState(err) ?? (err as { code?: unknown })?.code;
  if (code === "23505" || code === "P2002") {
    throw new AppError("CONFLICT", message, { [field]: message });
  }
  throw err;
}
