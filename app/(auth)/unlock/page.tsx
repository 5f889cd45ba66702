import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/auth/action-form";
import { unlockAction } from "../actions";

export const metadata: Metadata = { title: "Unlock your account", referrer: "no-referrer" };

/** A button, not an automatic GET: mail scanners that follow links do not use the token up. */
export default async function UnlockPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="text-2xl font-bold">Unlock your account</h1>
      <ActionForm
        action={unlockAction}
        submitLabel="Unlock my account"
        hideOnSuccess
        successContent={
          <p className="mt-4">
            <Link className="text-blue-700 underline" href="/login">
              Sign in
            </Link>
          </p>
        }
      >
        <input type="hidden" name="token" value={typeof token === "string" ? token : ""} />
      </ActionForm>
    </>
  );
}
