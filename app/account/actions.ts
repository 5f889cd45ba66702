"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { changePassword } from "@/server/auth/change-password";
import { confirmTotpEnrolment } from "@/server/auth/confirm-totp-enrolment";
import { disableTotp } from "@/server/auth/disable-totp";
import { logOut } from "@/server/auth/log-out";
import { logOutEverywhere } from "@/server/auth/log-out-everywhere";
import { actionContext } from "@/server/auth/request-context";
import { requestEmailChange } from "@/server/auth/request-email-change";
import { resendVerification } from "@/server/auth/resend-verification";
import { clearSessionCookie, deviceHash, setSessionCookie } from "@/server/auth/session-cookie";
import { formObject, runFormAction } from "@/server/forms/run-form-action";

/**
 * Actions of the signed-in user on their own account. Each use case calls requireUser() itself
 * before reading its input (tested by test/integration/role-matrix.test.ts).
 */

export async function changePasswordAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const session = await changePassword(formObject(formData), {
      ...ctx,
      deviceHash: await deviceHash(),
    });
    await setSessionCookie(session);
    return {
      status: "success",
      message: "Your password was changed. Every other device was signed out.",
    };
  });
}

export async function changeEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    await requestEmailChange(formObject(formData), await actionContext());
    return {
      status: "success",
      message:
        "We sent a confirmation link to the new address. Your email changes once you open it.",
    };
  });
}

export async function resendVerificationAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    await resendVerification(await actionContext());
    return { status: "success", message: "We sent you a new confirmation link." };
  });
}

export async function confirmTotpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const { recoveryCodes, session } = await confirmTotpEnrolment(formObject(formData), {
      ...ctx,
      deviceHash: await deviceHash(),
    });
    await setSessionCookie(session);
    return {
      status: "success",
      message:
        "Two-factor authentication is on. Save these recovery codes somewhere safe now: each works once if you lose your phone, and they will not be shown again.",
      list: recoveryCodes,
    };
  });
}

export async function disableTotpAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const session = await disableTotp(formObject(formData), {
      ...ctx,
      deviceHash: await deviceHash(),
    });
    await setSessionCookie(session);
    redirect("/account?two-factor=off");
  });
}

export async function logOutAction(): Promise<void> {
  const ctx = await actionContext();
  await logOut(ctx);
  await clearSessionCookie();
  redirect("/login");
}

export async function logOutEverywhereAction(): Promise<void> {
  const ctx = await actionContext();
  await logOutEverywhere(ctx);
  await clearSessionCookie();
  redirect("/login");
}
