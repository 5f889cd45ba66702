/** What a promise was refused with, for tests that assert on refusals. */
import { AppError } from "@/server/errors";

/** The AppError a use case threw; anything else (or no error) fails the test. */
export async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

/** The digest of a Next.js control-flow error (notFound, redirect) a page or action threw. */
export async function digestOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string") return digest;
    throw err;
  }
  throw new Error("expected a Next.js control-flow error");
}
