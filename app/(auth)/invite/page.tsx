import type { Metadata } from "next";
import Link from "next/link";
import { logOutAction } from "@/app/account/actions";
import { ActionForm, Field } from "@/components/forms/action-form";
import { getInvitation } from "@/server/invitations/get-invitation";
import { acceptInvitationAction, registerFromInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Club invitation" };

/**
 * Where an emailed invitation link leads (/invite?token=…). Authorised by the token: a new person
 * creates their account here, someone with an account signs in with the invited address and
 * accepts. An unknown, used, withdrawn or expired link gets one answer.
 */
export default async function InvitePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  const token = typeof sp.token === "string" ? sp.token : "";
  const view = await getInvitation(token);
  if (view.state === "invalid") {
    return (
      <>
        <h1 className="text-2xl font-bold">Club invitation</h1>
        <p className="mt-4" role="alert">
          This invitation link is no longer valid: it was used already, withdrawn, or it expired.
          Ask the club to send you a new one.
        </p>
      </>
    );
  }
  const self = `/invite?token=${token}`;
  const tokenField = <input type="hidden" name="token" value={token} />;
  return (
    <>
      <h1 className="text-2xl font-bold">Join {view.clubName}</h1>
      <p className="mt-2">
        This invitation is for <strong>{view.email}</strong> ({view.role.toLowerCase()}).
      </p>
      {view.signedInEmail && view.signedInEmail.toLowerCase() === view.email.toLowerCase() ? (
        <ActionForm action={acceptInvitationAction} submitLabel="Accept the invitation">
          {tokenField}
        </ActionForm>
      ) : view.signedInEmail ? (
        <>
          <p className="mt-4">
            You are signed in as {view.signedInEmail}. Log out, then open the link again and sign in
            as {view.email}.
          </p>
          <form action={logOutAction} className="mt-4">
            <button type="submit" className="text-blue-700 underline">
              Log out
            </button>
          </form>
        </>
      ) : view.accountExists ? (
        <p className="mt-4">
          You already have an account.{" "}
          <Link
            className="text-blue-700 underline"
            href={`/login?next=${encodeURIComponent(self)}`}
          >
            Sign in as {view.email}
          </Link>{" "}
          to accept.
        </p>
      ) : (
        <>
          <p className="mt-4">Create your account to accept: choose a password.</p>
          <ActionForm
            action={registerFromInvitationAction}
            submitLabel="Create my account and join"
            hideOnSuccess
            successContent={
              <p className="mt-4">
                <Link
                  className="text-blue-700 underline"
                  href={`/login?next=${encodeURIComponent(`/c/${view.clubSlug}`)}`}
                >
                  Sign in
                </Link>
              </p>
            }
          >
            {tokenField}
            <Field required name="name" label="Your name" autoComplete="name" maxLength={120} />
            <Field
              required
              name="password"
              label="Password"
              type="password"
              autoComplete="new-password"
              hint="At least 12 characters. Any characters are fine; a few unrelated words make a good password."
            />
          </ActionForm>
        </>
      )}
    </>
  );
}
