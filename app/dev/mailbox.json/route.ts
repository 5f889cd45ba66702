import { AppError } from "@/server/errors";
import { listDevMailbox } from "@/server/mail/list-dev-mailbox";
import { getDevMailboxMessage } from "@/server/mail/get-dev-mailbox-message";

/**
 * The dev mailbox as JSON (404 in production): the newest messages with their text and links,
 * e.g. for scripts and end-to-end tests (`?to=ada@example.test` filters by recipient).
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const to = new URL(request.url).searchParams.get("to")?.toLowerCase();
    const { messages, waiting } = await listDevMailbox(50);
    const selected = to ? messages.filter((m) => m.to.toLowerCase() === to) : messages;
    const full = await Promise.all(selected.map((m) => getDevMailboxMessage(m.id)));
    return Response.json(
      { waiting, messages: full.map(({ raw: _raw, html: _html, ...m }) => m) },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch (err) {
    if (err instanceof AppError) return Response.json(err.toJSON(), { status: err.status });
    throw err;
  }
}
