import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/auth/action-form";
import { resetPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

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
