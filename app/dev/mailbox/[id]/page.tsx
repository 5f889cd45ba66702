import type { Metadata } from "next";
import Link from "next/link";
import { getDevMailboxMessage } from "@/server/mail/get-dev-mailbox-message";
import { orNotFound } from "@/server/or-not-found";

export const metadata: Metadata = {
  title: "Dev mailbox message",
  robots: { index: false, follow: false },
};

const LINK = /(https?:\/\/[^\s<>"')]+)/g;

/** The text version with its links made clickable (rendered by React: nothing is injected). */
function LinkifiedText({ text }: { text: string }) {
  const parts = text.split(LINK);
  return (
    <pre className="mt-2 whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-4 text-sm">
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part} className="text-blue-700 underline">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

export default async function DevMailboxMessagePage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const m = await orNotFound(getDevMailboxMessage(id));
  return (
    <main id="main" className="mx-auto max-w-3xl p-6">
      <p>
        <Link className="text-blue-700 underline" href="/dev/mailbox">
          ← Dev mailbox
        </Link>
      </p>
      <h1 className="mt-4 text-2xl font-bold">{m.subject}</h1>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 text-sm">
        <dt className="font-semibold">To</dt>
        <dd>{m.to}</dd>
        <dt className="font-semibold">Received</dt>
        <dd>{m.receivedAt}</dd>
        <dt className="font-semibold">Message-ID</dt>
        <dd>{m.messageId}</dd>
      </dl>
      {m.links.length ? (
        <section className="mt-6">
          <h2 className="text-lg font-semibold">Links</h2>
          <ul className="mt-2 list-disc pl-6">
            {m.links.map((href) => (
              <li key={href}>
                <a className="break-all text-blue-700 underline" href={href}>
                  {href}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="mt-6">
        <h2 className="text-lg font-semibold">Text version</h2>
        <LinkifiedText text={m.text} />
      </section>
      <section className="mt-6">
        <h2 className="text-lg font-semibold">HTML version</h2>
        {/* Sandboxed: no scripts, no same-origin access; links open outside the frame. */}
        <iframe
          title="HTML version of the email"
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcDoc={m.html.replace("<head>", '<head><base target="_blank">')}
          className="mt-2 h-[32rem] w-full rounded border border-slate-200 bg-white"
        />
      </section>
      <details className="mt-6">
        <summary className="cursor-pointer font-semibold">
          Raw message (with DKIM-Signature when configured)
        </summary>
        <pre className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white p-4 text-xs">
          {m.raw}
        </pre>
      </details>
    </main>
  );
}
