import type { Metadata } from "next";
import { CATEGORY_LABELS } from "@/lib/mail/categories";
import { getEmailPreferences } from "@/server/mail/get-email-preferences";
import { saveEmailPreferences } from "./actions";

export const metadata: Metadata = {
  title: "Email preferences",
  robots: { index: false, follow: false },
};

type Props = {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function EmailPreferencesPage({ params, searchParams }: Props) {
  const { token } = await params;
  const query = await searchParams;
  const prefs = await getEmailPreferences(token);
  if (!prefs) {
    return (
      <main id="main" className="mx-auto max-w-xl p-6">
        <h1 className="text-2xl font-bold">Email preferences</h1>
        <p className="mt-4" role="alert">
          This link is not valid. Use the link from a recent email, or sign in to manage your
          emails.
        </p>
      </main>
    );
  }
  const linkCategory = prefs.linkCategory;
  const stillSubscribed =
    linkCategory && prefs.categories.find((c) => c.category === linkCategory)?.subscribed;
  return (
    <main id="main" className="mx-auto max-w-xl p-6">
      <h1 className="text-2xl font-bold">Email preferences</h1>
      <p className="mt-2 text-slate-700">
        For <strong>{prefs.address}</strong>. Security and account emails, booking confirmations and
        payment receipts are always sent.
      </p>
      {query.unsubscribed ? (
        <p className="mt-4 rounded bg-green-50 p-3" role="status">
          You are unsubscribed
          {linkCategory ? ` from ${CATEGORY_LABELS[linkCategory].toLowerCase()}` : ""}.
        </p>
      ) : null}
      {query.saved ? (
        <p className="mt-4 rounded bg-green-50 p-3" role="status">
          Your preferences are saved.
        </p>
      ) : null}
      {linkCategory && stillSubscribed ? (
        <form
          method="post"
          action={`/api/unsubscribe/${encodeURIComponent(token)}`}
          className="mt-6"
        >
          <button type="submit" className="rounded bg-blue-700 px-4 py-2 font-semibold text-white">
            Unsubscribe from {CATEGORY_LABELS[linkCategory].toLowerCase()}
          </button>
        </form>
      ) : null}
      <form action={saveEmailPreferences} className="mt-8">
        <input type="hidden" name="token" value={token} />
        <fieldset>
          <legend className="font-semibold">Send me</legend>
          {prefs.categories.map((c) => (
            <div key={c.category} className="mt-2">
              <label className="inline-flex items-center gap-2">
                <input
                  type="checkbox"
                  name="category"
                  value={c.category}
                  defaultChecked={c.subscribed}
                />
                {c.label}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="mt-4 rounded border border-slate-400 px-4 py-2">
          Save preferences
        </button>
      </form>
    </main>
  );
}
