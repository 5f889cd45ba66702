import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionForm, SubmitButton, TextAreaField } from "@/components/forms/action-form";
import {
  alertState,
  alertsPageHref,
  clubDateTime,
  EMPTY_TEXT,
  filterLinks,
  NOTICES,
  severityClass,
  severityLabel,
} from "@/lib/security-alerts-page";
import { ACK_NOTE_MAX, ACK_NOTE_MIN } from "@/schemas/security-alerts";
import { listSecurityAlerts } from "@/server/admin/security/list-security-alerts";
import { acknowledgeSecurityAlertAction } from "./actions";

export const metadata: Metadata = { title: "Security alerts" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * The club's security alerts (threat detection): what was detected, how often, the evidence, and
 * whether someone looked at it. A manager acknowledges an alert with a note; the note is kept with
 * the alert and in the audit log. Only this club's alerts; the deployment's are the operator's
 * (`npm run security:alerts`). Managers and owners.
 */
export default async function SecurityAlertsPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams?: Promise<Search>;
}) {
  const { club: slug } = await params;
  const search: Search = (await searchParams) ?? {};
  const list = await listSecurityAlerts(slug, { state: one(search.state), page: one(search.page) });
  const { club, role } = list.access;
  const tz = club.timeZone;
  const here = alertsPageHref(club.slug, list.state, list.page);
  const notice = NOTICES[one(search.notice) ?? ""];
  return (
    <>
      <AdminNav slug={club.slug} role={role} current="/security" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-bold">Security alerts · {club.name}</h1>
        <p className="mt-2 text-slate-700">
          Suspicious activity detected against the club: probes, repeated refused sign-ins and the
          like. Acknowledge an alert once you have looked at it, saying what you checked or did.
          Times in {tz}.
        </p>
        {notice ? (
          <p
            role="status"
            className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900"
          >
            {notice}
          </p>
        ) : null}
        <nav aria-label="Which alerts" className="mt-4">
          <ul className="flex flex-wrap gap-2">
            {filterLinks(club.slug, list.state).map((f) => (
              <li key={f.href}>
                <Link
                  href={f.href}
                  aria-current={f.current ? "page" : undefined}
                  className={
                    "inline-flex min-h-11 items-center rounded border px-3 " +
                    (f.current
                      ? "border-blue-800 bg-blue-800 text-white"
                      : "border-slate-400 text-blue-800 hover:bg-slate-100")
                  }
                >
                  {f.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {list.rows.length === 0 ? (
          <p className="mt-6 rounded border border-slate-300 bg-white p-4">
            {EMPTY_TEXT[list.state]}
          </p>
        ) : (
          <ul className="mt-6 space-y-4" aria-label="Security alerts">
            {list.rows.map((a) => {
              const state = alertState(a, tz);
              return (
                <li key={a.id}>
                  <article
                    aria-labelledby={`alert-${a.id}`}
                    className="rounded border border-slate-300 bg-white p-4"
                  >
                    <div className="flex flex-wrap items-center gap-2">
                      <span
                        className={`rounded border px-2 py-0.5 text-sm font-semibold ${severityClass(a.severity)}`}
                      >
                        {severityLabel(a.severity)}
                      </span>
                      <h2 id={`alert-${a.id}`} className="font-semibold">
                        {a.summary}
                      </h2>
                    </div>
                    <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                      <dt className="font-medium">Kind</dt>
                      <dd className="font-mono">{a.kind}</dd>
                      <dt className="font-medium">Source</dt>
                      <dd className="font-mono break-all">{a.source}</dd>
                      <dt className="font-medium">Seen</dt>
                      <dd>
                        {a.count} time{a.count === 1 ? "" : "s"}, first{" "}
                        <time dateTime={a.firstSeen}>{clubDateTime(a.firstSeen, tz)}</time>, last{" "}
                        <time dateTime={a.lastSeen}>{clubDateTime(a.lastSeen, tz)}</time>
                      </dd>
                      <dt className="font-medium">State</dt>
                      <dd>
                        <strong>{state.label}</strong>
                        {state.detail ? ` — ${state.detail}` : null}
                      </dd>
                    </dl>
                    {a.evidence.length ? (
                      <details className="mt-2 text-sm">
                        <summary className="cursor-pointer text-blue-800">Evidence</summary>
                        <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all">
                          {a.evidence.join("\n")}
                        </pre>
                      </details>
                    ) : null}
                    {list.canAcknowledge && !a.acknowledgedAt ? (
                      <ActionForm
                        compact
                        action={acknowledgeSecurityAlertAction}
                        label={`Acknowledge: ${a.summary}`}
                        hidden={{ club: club.slug, alertId: a.id, next: here }}
                      >
                        <TextAreaField
                          required
                          name="note"
                          idSuffix={a.id}
                          label="Note"
                          hint="What you checked or did (kept with the alert and in the audit log)"
                          minLength={ACK_NOTE_MIN}
                          maxLength={ACK_NOTE_MAX}
                        />
                        <SubmitButton className="mt-3 min-h-11">Acknowledge</SubmitButton>
                      </ActionForm>
                    ) : null}
                  </article>
                </li>
              );
            })}
          </ul>
        )}
        <nav aria-label="Pages of the alerts" className="mt-4 flex gap-4">
          {list.page > 1 ? (
            <Link
              className="text-blue-700 underline"
              href={alertsPageHref(club.slug, list.state, list.page - 1)}
            >
              Newer
            </Link>
          ) : null}
          {list.hasNext ? (
            <Link
              className="text-blue-700 underline"
              href={alertsPageHref(club.slug, list.state, list.page + 1)}
            >
              Older
            </Link>
          ) : null}
        </nav>
      </main>
    </>
  );
}
