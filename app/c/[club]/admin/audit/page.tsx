import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { localTime, todayIn } from "@/lib/time";
import { listAuditEvents, type AuditPage } from "@/server/admin/audit/list-audit-events";
import { requireClubPermission } from "@/server/auth/require-user";
import { AppError } from "@/server/errors";

export const metadata: Metadata = { title: "Audit log" };

const input = "mt-1 block rounded border border-slate-400 px-2 py-2";

/**
 * The club's audit log (ADR 009): who did what, when and from where, newest first,
 * filterable and paginated. Read-only: there is no way to edit or delete an event, and the
 * database refuses it. Managers and owners only.
 */
export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { club: slug } = await params;
  const sp = await searchParams;
  const { club, role } = await requireClubPermission(slug, "viewAuditLog", {
    next: `/c/${slug}/admin/audit`,
  });
  const raw = {
    action: typeof sp.action === "string" ? sp.action : "",
    actor: typeof sp.actor === "string" ? sp.actor : "",
    from: typeof sp.from === "string" ? sp.from : "",
    to: typeof sp.to === "string" ? sp.to : "",
    page: typeof sp.page === "string" && sp.page ? sp.page : "1",
  };
  let view: AuditPage | null = null;
  let error: string | null = null;
  try {
    view = await listAuditEvents(club.slug, raw);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "BAD_REQUEST") throw err;
    error = err.message;
  }
  const pageLink = (page: number) => {
    const q = new URLSearchParams({ ...raw, page: String(page) });
    for (const [k, v] of [...q.entries()]) if (!v) q.delete(k);
    return `/c/${club.slug}/admin/audit?${q.toString()}`;
  };
  return (
    <>
      <AdminNav slug={club.slug} role={role} current="/audit" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-bold">Audit log</h1>
        <p className="mt-2 text-slate-700">
          Every admin action and security event of the club. Entries cannot be changed or deleted.
          Times in {club.timeZone}.
        </p>
        <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="audit-action" className="block font-medium">
              Action
            </label>
            <select id="audit-action" name="action" defaultValue={raw.action} className={input}>
              <option value="">All actions</option>
              {view?.actions.map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-actor" className="block font-medium">
              Actor (email)
            </label>
            <input id="audit-actor" name="actor" defaultValue={raw.actor} className={input} />
          </div>
          <div>
            <label htmlFor="audit-from" className="block font-medium">
              From
            </label>
            <input
              id="audit-from"
              name="from"
              type="date"
              defaultValue={raw.from}
              className={input}
            />
          </div>
          <div>
            <label htmlFor="audit-to" className="block font-medium">
              To (included)
            </label>
            <input id="audit-to" name="to" type="date" defaultValue={raw.to} className={input} />
          </div>
          <button
            type="submit"
            className="min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white"
          >
            Filter
          </button>
        </form>
        {error ? (
          <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900">
            {error}
          </p>
        ) : null}
        {view ? (
          <>
            <table className="mt-6 w-full border-collapse text-sm">
              <thead>
                <tr className="border-b text-left">
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">On</th>
                  <th scope="col">From where</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r) => {
                  const at = new Date(r.at);
                  return (
                    <tr key={r.id} className="border-b align-top">
                      <td className="whitespace-nowrap py-1 pr-2">
                        <time dateTime={r.at}>
                          {todayIn(view.timeZone, at)} {localTime(at, view.timeZone)}
                        </time>
                      </td>
                      <td className="py-1 pr-2">
                        {r.actor ? `${r.actor.name} (${r.actor.email})` : (r.actorId ?? "system")}
                      </td>
                      <td className="py-1 pr-2 font-mono">{r.action}</td>
                      <td className="py-1 pr-2">
                        {r.targetType ? `${r.targetType} ${r.targetId ?? ""}` : ""}
                      </td>
                      <td className="py-1 pr-2">
                        {r.ip ?? "—"}
                        {r.userAgent ? (
                          <span
                            className="block max-w-48 truncate text-slate-600"
                            title={r.userAgent}
                          >
                            {r.userAgent}
                          </span>
                        ) : null}
                      </td>
                      <td className="max-w-md py-1 font-mono text-xs break-all">
                        {r.details === "{}" ? "" : r.details}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {view.rows.length === 0 ? <p className="mt-4">No events match.</p> : null}
            <nav aria-label="Pages of the audit log" className="mt-4 flex gap-4">
              {view.page > 1 ? (
                <Link className="text-blue-700 underline" href={pageLink(view.page - 1)}>
                  Newer
                </Link>
              ) : null}
              <span>Page {view.page}</span>
              {view.hasNext ? (
                <Link className="text-blue-700 underline" href={pageLink(view.page + 1)}>
                  Older
                </Link>
              ) : null}
            </nav>
          </>
        ) : null}
      </main>
    </>
  );
}
