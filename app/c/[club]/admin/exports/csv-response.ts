import { AppError } from "@/server/errors";

/**
 * A CSV download: attachment with its file name, UTF-8, never cached. Invalid input answers 400
 * with the message as plain text; Next.js control flow (sign-in redirect, 404) passes through.
 */
export async function csvResponse(
  run: () => Promise<{ filename: string; body: string }>,
): Promise<Response> {
  try {
    const { filename, body } = await run();
    const ascii = filename.replace(/[^A-Za-z0-9._-]/g, "_");
    return new Response(body, {
      status: 200,
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    if (err instanceof AppError && err.status < 500 && err.status !== 403 && err.status !== 401)
      return new Response(err.message, {
        status: err.status,
        headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
      });
    throw err;
  }
}
