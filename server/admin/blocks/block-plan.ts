import "server-only";
/**
 * Shared by preview-block and create-block (not a use case itself): validates a block's input
 * against the authorized club (the court must be one of ITS courts) and computes its occurrences.
 */
import { blockOccurrences, type Occurrence } from "@/lib/recurrence";
import { BlockInput } from "@/schemas/admin-blocks";
import { db } from "@/server/db";
import { AppError, parseInput } from "@/server/errors";

export type BlockPlan = {
  input: BlockInput;
  court: { id: string; name: string } | null;
  occurrences: Occurrence[];
};

export async function planBlock(
  club: { id: string; timeZone: string },
  body: unknown,
): Promise<BlockPlan> {
  const input = parseInput(BlockInput, body);
  let court: BlockPlan["court"] = null;
  if (input.courtId) {
    court = await db.court.findFirst({
      where: { id: input.courtId, clubId: club.id },
      select: { id: true, name: true },
    });
    if (!court) {
      throw new AppError("BAD_REQUEST", "Invalid input — courtId: is not a court of this club", {
        courtId: "Choose a court of this club.",
      });
    }
  }
  let occurrences: Occurrence[];
  try {
    occurrences = blockOccurrences(input, club.timeZone);
  } catch {
    throw new AppError("BAD_REQUEST", "Invalid input — repeatUntil: too many occurrences", {
      repeatUntil: "A series may last two years at most.",
    });
  }
  if (occurrences.length === 0) {
    throw new AppError("BAD_REQUEST", "Invalid input — repeatUntil: no occurrence", {
      repeatUntil: "The last date must not be before the first.",
    });
  }
  return { input, court, occurrences };
}
