/**
 * The confirmation of an action whose item left the page (a deleted court, a removed price…):
 * the action redirects with `?done=<key>` and the page shows the matching message once.
 */
export function SetupDone({
  done,
  messages,
}: {
  done: string | string[] | undefined;
  messages: Record<string, string>;
}) {
  const message = typeof done === "string" ? messages[done] : undefined;
  if (!message) return null;
  return (
    <div
      role="status"
      className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900"
    >
      <p>{message}</p>
    </div>
  );
}
