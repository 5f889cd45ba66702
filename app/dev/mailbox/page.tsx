import type { Metadata } from "next";
import Link from "next/link";
import { listDevMailbox } from "@/server/mail/list-dev-mailbox";
import { orNotFound } from "@/server/or-not-found";

export const metadata: Metadata = { title: "Dev mailbox", robots: { index: false, follow: false } };

export default async function DevMailboxPage() {
  const data = await orNotFound(listDevMailbox());
  return (
    <main id="main" className="mx-auto max-w-3xl p-6">
      <h1 className="text-2xl font-bold">Dev mailbox</h1>
      <p className="mt-2 text-slate-700">
        Without <code>SMTP_URL</code>, every email is delivered here instead of being sent. This
        page does not exist in production. Also as{" "}
        <a className="text-blue-700 underline" href="/dev/mailbox.json">
          JSON
        </a>
        .
      </p>
      {data.waiting > 0 ? (
        <p className="mt-4 rounded bg-amber-50 p-3" role="status">
          {data.waiting} message(s) waiting in the outbox. If this stays, the delivery worker is not
          running (<code>npm run worker</code>).
        </p>
      ) : null}
      {data.messages.length === 0 ? (
        <p className="mt-6">No messages yet.</p>
      ) : (
        <table className="mt-6 w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-4">
                Received
              </th>
              <th scope="col" className="py-1 pr-4">
                To
              </th>
              <th scope="col" className="py-1">
                Subject
              </th>
            </tr>
          </thead>
          <tbody>
            {data.messages.map((m) => (
              <tr key={m.id} className="border-t border-slate-200">
                <td className="py-1 pr-4 whitespace-nowrap">
                  {m.receivedAt.replace("T", " ").slice(0, 19)}
                </td>
                <td className="py-1 pr-4">{m.to}</td>
                <td className="py-1">
                  <Link className="text-blue-700 underline" href={`/dev/mailbox/${m.id}`}>
                    {m.subject}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
