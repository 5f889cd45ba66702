import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm, Field } from "@/components/forms/action-form";
import { registerAction } from "../actions";

export const metadata: Metadata = { title: "Create an account" };

export default function RegisterPage() {
  return (
    <>
      <h1 className="text-2xl font-bold">Create an account</h1>
      <ActionForm action={registerAction} submitLabel="Create my account" hideOnSuccess>
        <Field required name="name" label="Your name" autoComplete="name" maxLength={120} />
        <Field
          required
          name="email"
          label="Email address"
          type="email"
          autoComplete="email"
          inputMode="email"
        />
        <Field
          required
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. Any characters are fine; a few unrelated words make a good password."
        />
        {/* Honeypot: hidden from people and assistive technology, filled in by naive bots. */}
        <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
          <label htmlFor="field-website">Leave this empty</label>
          <input id="field-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
        </div>
      </ActionForm>
      <p className="mt-6">
        Already have an account?{" "}
        <Link className="text-blue-700 underline" href="/login">
          Sign in
        </Link>
      </p>
    </>
  );
}
