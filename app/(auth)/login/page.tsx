import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ActionForm, Checkbox, Field } from "@/components/forms/action-form";
import { getSession } from "@/server/auth/get-session";
import { isSafeNext } from "@/server/auth/require-user";
import { loginAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next =
    typeof params.next === "string" && isSafeNext(params.next) ? params.next : "/account";
  if (await getSession()) redirect(next);
  const notice =
    params.reset === "1"
      ? "Your password was changed and every device was signed out. Sign in with your new password."
      : params.restart === "1"
        ? "Your sign-in took too long or too many codes were wrong. Please start again."
        : typeof params.error === "string"
          ? "Sign-in failed. Please try again."
          : null;
  return (
    <>
      <h1 className="text-2xl font-bold">Sign in</h1>
      {notice ? (
        <p role="status" className="mt-4 rounded border border-blue-300 bg-blue-50 p-3">
          {notice}
        </p>
      ) : null}
      <ActionForm action={loginAction} submitLabel="Sign in">
        <input type="hidden" name="next" value={next} />
        <Field
          required
          name="email"
          label="Email address"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoFocus
        />
        <Field
          required
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
        />
        <Checkbox name="remember" label="Keep me signed in on this device (not for club staff)" />
      </ActionForm>
      <p className="mt-6">
        <Link className="text-blue-700 underline" href="/forgot-password">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-2">
        New here?{" "}
        <Link className="text-blue-700 underline" href="/register">
          Create an account
        </Link>
      </p>
    </>
  );
}
