import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/server/errors";

/** A page's one mapping of a use case's NOT_FOUND (notFoundError) to Next's 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
