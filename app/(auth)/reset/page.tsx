import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/forms/action-form";
import { resetPasswordAction } from "../actions";

// The link's token must never leave in a Referer, yet the form's POST must keep its Origin:
// "no-referrer" makes browsers send `Origin: null`, which Next.js and our CSRF check refuse.
export const metadata: Metadata = { title: "Choose a new password", referrer: "strict-origin" };

export default async function ResetPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  if (typeof token !== "string") return <MissingToken />;
  return (
    <>
      <h1 className="text-2xl font-bold">Choose a new password</h1>
      <p className="mt-2">Every device signed in to your account will be signed out.</p>
      <ActionForm action={resetPasswordAction} submitLabel="Save my new password">
        <input type="hidden" name="token" value={token} />
        <Field
          required
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters."
        />
      </ActionForm>
    </>
  );
}

function MissingToken() {
  return (
    <>
      <h1 className="text-2xl font-bold">This link is incomplete</h1>
      <p className="mt-2">
        <Link className="text-blue-700 underline" href="/forgot-password">
          Ask for a new link
        </Link>
      </p>
    </>
  );
}
