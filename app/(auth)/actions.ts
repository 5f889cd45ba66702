"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/lib/form-state";
import { completeTwoFactorSignIn } from "@/server/auth/complete-two-factor-sign-in";
import { confirmEmailChange } from "@/server/auth/confirm-email-change";
import { registerAccount } from "@/server/auth/register-account";
import { requestPasswordReset } from "@/server/auth/request-password-reset";
import { actionContext } from "@/server/auth/request-context";
import { isSafeNext } from "@/server/auth/require-user";
import { resetPassword } from "@/server/auth/reset-password";
import {
  clearTwoFactorCookie,
  deviceHash,
  readTwoFactorCookie,
  setSessionCookie,
  setTwoFactorCookie,
} from "@/server/auth/session-cookie";
import { signInWithPassword } from "@/server/auth/sign-in-with-password";
import { unlockAccount } from "@/server/auth/unlock-account";
import { verifyEmail } from "@/server/auth/verify-email";
import { formObject, formValues, runFormAction } from "@/server/forms/run-form-action";

/**
 * Public actions of the sign-in pages. They need no session (they create one); each refuses
 * cross-site calls (actionContext) and runs one use case.
 */

const INVALID = "The email address or password is not right.";
const LOCKED =
  "Sign-in to this account is paused after too many failed attempts. If it is your account, we have emailed you a link to unlock it at once; otherwise try again later.";
const THROTTLED =
  "Too many sign-in attempts from your network. Please wait a few minutes and try again.";

function nextPath(formData: FormData, fallback = "/account"): string {
  const next = formData.get("next");
  return typeof next === "string" && isSafeNext(next) ? next : fallback;
}

export async function loginAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const result = await signInWithPassword(formObject(formData), {
      ...ctx,
      deviceHash: await deviceHash(),
    });
    const values = formValues(formData);
    switch (result.outcome) {
      case "signed-in":
        await setSessionCookie(result.session);
        redirect(nextPath(formData));
      case "second-factor-required":
        await setTwoFactorCookie(result.challenge);
        redirect(`/login/two-factor?next=${encodeURIComponent(nextPath(formData))}`);
      case "locked":
        return { status: "error", message: LOCKED, values };
      case "throttled":
        return { status: "error", message: THROTTLED, values };
      default:
        return { status: "error", message: INVALID, values };
    }
  });
}

export async function twoFactorAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const result = await completeTwoFactorSignIn(
      await readTwoFactorCookie(),
      formObject(formData),
      {
        ...ctx,
        deviceHash: await deviceHash(),
      },
    );
    switch (result.outcome) {
      case "signed-in":
        await clearTwoFactorCookie();
        await setSessionCookie(result.session);
        redirect(nextPath(formData));
      case "invalid":
        return {
          status: "error",
          message: "That code is not right, or it was already used.",
          fields: { code: "That code is not right." },
        };
      case "throttled":
        return { status: "error", message: THROTTLED };
      case "locked":
        await clearTwoFactorCookie();
        return { status: "error", message: LOCKED };
      default:
        await clearTwoFactorCookie();
        redirect("/login?restart=1");
    }
  });
}

export async function registerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const result = await registerAccount(formObject(formData), ctx);
    if (result.outcome === "throttled") {
      return {
        status: "error",
        message: "Too many sign-ups from your network. Please try again later.",
        values: formValues(formData),
      };
    }
    return {
      status: "success",
      message:
        "Almost done: we sent a link to confirm your email address. Open it to finish. If you already have an account with this address, we sent you a reminder instead.",
    };
  });
}

export async function forgotPasswordAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    await requestPasswordReset(formObject(formData), ctx);
    return {
      status: "success",
      message:
        "If an account uses this address, we have sent it a link to choose a new password. The link works for 30 minutes.",
    };
  });
}

export async function resetPasswordAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const { reset } = await resetPassword(formObject(formData), ctx);
    if (!reset)
      return {
        status: "error",
        message: "This link has expired or was already used. Ask for a new one.",
      };
    redirect("/login?reset=1");
  });
}

export async function verifyEmailAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const { verified } = await verifyEmail(formObject(formData), await actionContext());
    return verified
      ? { status: "success", message: "Your email address is confirmed. You can sign in now." }
      : { status: "error", message: "This link has expired or was already used." };
  });
}

export async function unlockAction(_prev: FormState, formData: FormData): Promise<FormState> {
  return runFormAction(formData, async () => {
    const { unlocked } = await unlockAccount(formObject(formData), await actionContext());
    return unlocked
      ? { status: "success", message: "Your account is unlocked. You can sign in now." }
      : { status: "error", message: "This link has expired or was already used." };
  });
}

export async function confirmEmailChangeAction(
  _prev: FormState,
  formData: FormData,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const { changed } = await confirmEmailChange(formObject(formData), await actionContext());
    return changed
      ? {
          status: "success",
          message: "Your new email address is confirmed. Please sign in again with it.",
        }
      : { status: "error", message: "This link has expired or was already used." };
  });
}

/** Keeps the pending two-factor cookie helper reachable for the page's "start again" link. */
export async function restartLoginAction(): Promise<void> {
  await actionContext();
  await clearTwoFactorCookie();
  redirect("/login");
}
