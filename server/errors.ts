import "server-only";
import type { z } from "zod";

/** The one error class of the app. Its code decides the HTTP status and the message shown. */
export type AppErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "UNPROCESSABLE"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  /** Temporarily unable to serve (e.g. no database connection free in time): retry later. */
  | "BUSY";

const STATUS: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  BUSY: 503,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field name → message, for forms and 400 answers naming the invalid field. */
    readonly fields: Record<string, string> = {},
    /** Extra machine-readable data for API clients (e.g. { rule, eligibleAt }). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }

  toJSON() {
    return {
      code: this.code,
      message: this.message,
      ...(Object.keys(this.fields).length ? { fields: this.fields } : {}),
      ...this.details,
    };
  }
}

/**
 * The one way a use case says "not found": `what` names the thing ("Payment" → "Payment not
 * found."); `inClub` words an id of another club or a stale form as the admin screens do ("No such
 * court in this club."). Pages answer it with a 404 through orNotFound (server/or-not-found.ts).
 */
export function notFoundError(
  what: string,
  options: { inClub?: boolean; fields?: Record<string, string> } = {},
): AppError {
  const message = options.inClub ? `No such ${what} in this club.` : `${what} not found.`;
  return new AppError("NOT_FOUND", message, options.fields);
}

/** Turns a zod error into an AppError naming each invalid field. */
export function fromZodIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "input";
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([k, m]) => `${k}: ${m}`)
    .join("; ");
  return new AppError("BAD_REQUEST", `Invalid input — ${summary}`, fields);
}

/** The one validation idiom: the parsed input, or an AppError naming each invalid field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  return parsed.data;
}

/** SQLSTATE of a database error raised through Prisma's pg adapter or by pg itself. */
export function sqlState(err: unknown): string | undefined {
  const e = err as {
    code?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } };
    cause?: { originalCode?: unknown; code?: unknown };
  };
  const cause = e?.meta?.driverAdapterError?.cause ?? e?.cause;
  const code = cause?.originalCode ?? cause?.code ?? e?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
