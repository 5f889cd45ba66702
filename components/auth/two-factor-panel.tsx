"use client";

import Link from "next/link";
import { IDLE } from "@/lib/form-state";
import {
  ActionForm,
  BoundForm,
  Field,
  FormMessage,
  SubmitButton,
  useFormAction,
  type FormAction,
} from "@/components/forms/action-form";

export type TwoFactorView =
  | { state: "enabled"; recoveryCodesLeft: number }
  | { state: "pending"; secret: string; qrDataUrl: string };

/**
 * The two-factor settings. One client component for both states, so that the recovery codes
 * shown once after enrolment survive the page refresh that the new session cookie causes.
 */
export function TwoFactorPanel({
  view,
  next,
  required,
  confirmAction,
  disableAction,
}: {
  view: TwoFactorView;
  next: string;
  required: boolean;
  confirmAction: FormAction;
  disableAction: FormAction;
}) {
  const confirm = useFormAction(confirmAction, IDLE);
  const { state } = confirm;

  if (state.status === "success") {
    return (
      <>
        <h1 className="text-2xl font-bold">Two-factor authentication is on</h1>
        <FormMessage state={state} />
        <p className="mt-4">
          <Link className="text-blue-700 underline" href={next}>
            Continue
          </Link>
        </p>
      </>
    );
  }

  if (view.state === "enabled") {
    return (
      <>
        <h1 className="text-2xl font-bold">Two-factor authentication is on</h1>
        {required ? (
          <p role="alert" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3">
            This session was signed in without a code. Log out and sign in again with the code from
            your app to open the admin area.
          </p>
        ) : null}
        <p className="mt-2">Unused recovery codes: {view.recoveryCodesLeft} of 10.</p>
        <h2 className="mt-8 text-xl font-semibold">Turn it off</h2>
        <p className="mt-2">Club staff cannot open the admin area without it.</p>
        <ActionForm
          action={disableAction}
          submitLabel="Turn two-factor authentication off"
          variant="danger"
        >
          <Field
            required
            name="currentPassword"
            label="Current password"
            type="password"
            autoComplete="current-password"
          />
          <Field
            required
            name="code"
            label="Code from your app, or a recovery code"
            autoComplete="one-time-code"
            maxLength={20}
          />
        </ActionForm>
        <p className="mt-6">
          <Link className="text-blue-700 underline" href={next}>
            Back
          </Link>
        </p>
      </>
    );
  }

  const grouped = view.secret.replace(/(.{4})/g, "$1 ").trim();
  return (
    <>
      <h1 className="text-2xl font-bold">Turn on two-factor authentication</h1>
      {required ? (
        <p role="alert" className="mt-4 rounded border border-amber-300 bg-amber-50 p-3">
          Your role at the club requires two-factor authentication. Set it up to open the admin
          area.
        </p>
      ) : null}
      <ol className="mt-4 list-decimal space-y-2 pl-6">
        <li>
          Install an authenticator app on your phone (for example Aegis, FreeOTP, Google
          Authenticator or 1Password).
        </li>
        <li>Scan this QR code with it, or type the key below.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      {/* A PNG data URL made on the server by the qrcode library (CSP img-src allows data:);
          next/image adds nothing for an inline image. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={view.qrDataUrl}
        alt="QR code of your two-factor key"
        width={192}
        height={192}
        className="mt-4 border border-slate-300 bg-white"
      />
      <p className="mt-4">
        Key:{" "}
        <code data-testid="totp-secret" className="font-mono text-lg">
          {grouped}
        </code>
      </p>
      <FormMessage state={state} />
      <BoundForm bound={confirm}>
        <Field
          required
          name="code"
          label="6-digit code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
        />
        <SubmitButton className="mt-6">Turn on</SubmitButton>
      </BoundForm>
    </>
  );
}
