import type { Metadata } from "next";
import { ActionForm, Field } from "@/components/forms/action-form";
import { forgotPasswordAction } from "../actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-2xl font-bold">Forgot your password?</h1>
      <p className="mt-2">We will email you a link to choose a new one.</p>
      <ActionForm action={forgotPasswordAction} submitLabel="Email me a link" hideOnSuccess>
        <Field
          required
          name="email"
          label="Email address"
          type="email"
          autoComplete="username"
          inputMode="email"
        />
      </ActionForm>
    </>
  );
}
