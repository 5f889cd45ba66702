import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm, Field } from "@/components/forms/action-form";
import { cookieNames } from "@/server/auth/auth-settings";
import { isSafeNext } from "@/server/auth/require-user";
import { twoFactorAction } from "../../actions";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function TwoFactorPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next =
    typeof params.next === "string" && isSafeNext(params.next) ? params.next : "/account";
  if (!(await cookies()).get(cookieNames().twoFactor)) redirect("/login");
  return (
    <>
      <h1 className="text-2xl font-bold">Two-factor authentication</h1>
      <p className="mt-2">
        Enter the 6-digit code from your authenticator app, or one of your recovery codes.
      </p>
      <ActionForm action={twoFactorAction} submitLabel="Verify">
        <input type="hidden" name="next" value={next} />
        <Field
          required
          name="code"
          label="Code"
          autoComplete="one-time-code"
          maxLength={20}
          autoFocus
        />
      </ActionForm>
      <p className="mt-6">
        <Link className="text-blue-700 underline" href="/login">
          Start again
        </Link>
      </p>
    </>
  );
}
