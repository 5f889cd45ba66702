import "server-only";
import { open, readdir } from "node:fs/promises";
import path from "node:path";
import type { Prisma } from "@/generated/prisma/client";
import { classifyLogRecord, parseJsonLogLine, type DbWatchConfig } from "@/lib/security/db-log";
import { db } from "@/server/db";

/** At most this much of the log is read in one pass; the next pass goes on from there. */
const MAX_BYTES_PER_PASS = 8 * 1024 * 1024;

export type IngestResult = { files: number; bytes: number; records: number; signals: number };

/** The jsonlog files of `logDir`, oldest first (their names sort by the time they were opened). */
async function logFiles(logDir: string): Promise<string[]> {
  const names = await readdir(logDir);
  return names.filter((n) => n.endsWith(".json")).sort();
}

/**
 * Places the cursor of `logDir` at the current end of its newest file: what was logged before is
 * not read (a new deployment, or a test that only wants what comes next).
 */
export async function startLogCursorAtEnd(logDir: string): Promise<void> {
  const files = await logFiles(logDir);
  const file = files.at(-1) ?? "";
  let offset = 0;
  if (file) {
    const handle = await open(path.join(logDir, file), "r");
    try {
      offset = (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  }
  await db.securityLogCursor.upsert({
    where: { logDir },
    create: { logDir, file, offset: BigInt(offset) },
    update: { file, offset: BigInt(offset), updatedAt: new Date() },
  });
}

/**
 * Reads what the database server logged since the last pass (log_destination=jsonlog,
 * log_connections=on) and records a security_signal for each connection, refusal or error that
 * our own processes do not cause (lib/security/db-log.ts). The cursor (file, byte offset) moves
 * in the same transaction as the signals, and only past complete lines, so a record is read once
 * even when the pass fails half-way. The first pass of a directory starts at the beginning of its
 * newest file. The caller holds the detection lease: one reader at a time.
 */
export async function ingestDbLog(
  logDir: string,
  config: DbWatchConfig,
  now = new Date(),
): Promise<IngestResult> {
  const result: IngestResult = { files: 0, bytes: 0, records: 0, signals: 0 };
  const files = await logFiles(logDir);
  if (!files.length) return result;
  const cursor = await db.securityLogCursor.findUnique({ where: { logDir } });
  let file = cursor && files.includes(cursor.file) ? cursor.file : files.at(-1)!;
  // A cursor on a file that is gone (rotated away and removed): the oldest file left.
  if (cursor && !files.includes(cursor.file)) file = files.find((f) => f > cursor.file) ?? file;
  let offset = cursor && cursor.file === file ? Number(cursor.offset) : 0;

  const signals: Prisma.SecuritySignalCreateManyInput[] = [];
  let budget = MAX_BYTES_PER_PASS;
  for (;;) {
    const full = path.join(logDir, file);
    const handle = await open(full, "r");
    let size: number;
    let text = "";
    try {
      size = (await handle.stat()).size;
      if (offset > size) offset = 0; // truncated and rewritten
      const length = Math.min(size - offset, budget);
      if (length > 0) {
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, offset);
        text = buffer.toString("utf8");
      }
    } finally {
      await handle.close();
    }
    result.files += 1;
    const end = text.lastIndexOf("\n");
    if (end >= 0) {
      const complete = text.slice(0, end + 1);
      const consumed = Buffer.byteLength(complete, "utf8");
      offset += consumed;
      budget -= consumed;
      result.bytes += consumed;
      for (const line of complete.split("\n")) {
        const record = parseJsonLogLine(line);
        if (!record) continue;
        result.records += 1;
        const signal = classifyLogRecord(record, config, now);
        if (signal) {
          signals.push({
            at: signal.at,
            kind: signal.kind,
            source: signal.source.slice(0, 160),
            evidence: signal.evidence,
          });
        }
      }
    }
    const next = files[files.indexOf(file) + 1];
    // On to the next file only once this one is read to its end (PostgreSQL writes a file until
    // it rotates; a newer file means this one is finished).
    if (!next || offset < size || budget <= 0) break;
    file = next;
    offset = 0;
  }

  await db.$transaction(async (tx) => {
    if (signals.length) await tx.securitySignal.createMany({ data: signals });
    await tx.securityLogCursor.upsert({
      where: { logDir },
      create: { logDir, file, offset: BigInt(offset) },
      update: { file, offset: BigInt(offset), updatedAt: now },
    });
  });
  result.signals = signals.length;
  return result;
}
