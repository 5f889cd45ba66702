import Link from "next/link";
import { ActionForm } from "@/components/forms/action-form";
import type { FormState } from "@/lib/form-state";

/**
 * The page a link from an email opens (unlock, verify, confirm a new address): the token from
 * the link goes into a form with one button, not an automatic GET, so mail scanners that follow
 * links do not use the token up. Once the action succeeds, the form gives way to a sign-in link.
 */
export async function TokenConfirmPage({
  heading,
  action,
  submitLabel,
  searchParams,
}: {
  heading: string;
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  submitLabel: string;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="text-2xl font-bold">{heading}</h1>
      <ActionForm
        action={action}
        submitLabel={submitLabel}
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
