import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/forms/action-form";
import { getAccountOverview } from "@/server/auth/get-account-overview";
import {
  changeEmailAction,
  changePasswordAction,
  logOutAction,
  logOutEverywhereAction,
  resendVerificationAction,
} from "./actions";

export const metadata: Metadata = { title: "Your account" };

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";
const METHOD: Record<string, string> = {
  password: "Password",
  totp: "Password + authenticator",
  recovery_code: "Password + recovery code",
};

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const me = await getAccountOverview();
  const params = await searchParams;
  return (
    <main id="main" className="mx-auto max-w-2xl p-6">
      <h1 className="text-2xl font-bold">Your account</h1>
      {params["two-factor"] === "off" ? (
        <p role="status" className="mt-4 rounded border border-green-300 bg-green-50 p-3">
          Two-factor authentication is off. Every other device was signed out.
        </p>
      ) : null}
      <p className="mt-2">
        {me.name} · {me.email}{" "}
        {me.emailVerified ? (
          <span className="text-green-800">(confirmed)</span>
        ) : (
          <span className="text-amber-800">(not confirmed yet)</span>
        )}
      </p>
      <p className="mt-2">
        <Link className="text-blue-700 underline" href="/account/bookings">
          My bookings
        </Link>{" "}
        — upcoming and past bookings, cancellations, waiting list and calendar link.
      </p>
      {!me.emailVerified ? (
        <ActionForm
          action={resendVerificationAction}
          submitLabel="Send me a new confirmation link"
          variant="secondary"
          hideOnSuccess
        />
      ) : null}

      <section aria-labelledby="two-factor" className="mt-8">
        <h2 id="two-factor" className="text-xl font-semibold">
          Two-factor authentication
        </h2>
        <p className="mt-2">
          {me.totpEnabled
            ? "On."
            : me.staffRole
              ? "Off — required for your club role before you can open the admin area."
              : "Off."}{" "}
          <Link className="text-blue-700 underline" href="/account/two-factor">
            {me.totpEnabled ? "Manage" : "Turn it on"}
          </Link>
        </p>
      </section>

      <section aria-labelledby="sign-ins" className="mt-8">
        <h2 id="sign-ins" className="text-xl font-semibold">
          Recent sign-ins
        </h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Device</th>
              <th scope="col">Address</th>
              <th scope="col">How</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {me.signIns.map((s) => (
              <tr key={s.id} className="border-t border-slate-200">
                <td>{when(s.at)}</td>
                <td>{s.device}</td>
                <td>{s.ip ?? "—"}</td>
                <td>{METHOD[s.method] ?? s.method}</td>
                <td>{s.current ? "This device" : s.active ? "Active" : "Ended"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {me.failedAttempts.length ? (
          <p className="mt-2 text-sm">
            Failed sign-in attempts in the last 30 days: {me.failedAttempts.length} (latest{" "}
            {when(me.failedAttempts[0]!.at)}
            {me.failedAttempts[0]!.ip ? ` from ${me.failedAttempts[0]!.ip}` : ""}).
          </p>
        ) : null}
        <div className="mt-4 flex flex-wrap gap-4">
          <form action={logOutAction}>
            <button type="submit" className="rounded border border-slate-400 px-4 py-2">
              Log out
            </button>
          </form>
          <form action={logOutEverywhereAction}>
            <button type="submit" className="rounded bg-red-700 px-4 py-2 font-semibold text-white">
              Log out everywhere
            </button>
          </form>
        </div>
      </section>

      <section aria-labelledby="password" className="mt-8">
        <h2 id="password" className="text-xl font-semibold">
          Change your password
        </h2>
        <ActionForm action={changePasswordAction} submitLabel="Change my password">
          <Field
            required
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
          />
          <Field
            required
            name="newPassword"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 12 characters."
          />
        </ActionForm>
      </section>

      <section aria-labelledby="email" className="mt-8">
        <h2 id="email" className="text-xl font-semibold">
          Change your email address
        </h2>
        <ActionForm action={changeEmailAction} submitLabel="Send a confirmation link">
          <Field
            required
            name="newEmail"
            label="New email address"
            type="email"
            autoComplete="email"
            inputMode="email"
          />
          <Field
            required
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
          />
        </ActionForm>
      </section>
    </main>
  );
}
