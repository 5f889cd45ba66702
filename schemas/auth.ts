/**
 * Input schemas of the account and sign-in forms, shared by the forms and the use cases.
 * Passwords are checked for length here; the breached-list and personal-data rules need the
 * user's context and run in the use case (lib/auth/password-policy.ts).
 */
import { z } from "zod";
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordLength,
} from "@/lib/auth/password-length";

export const Email = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(3, "Enter your email address.")
  .max(254, "This email address is too long.")
  .pipe(z.email({ error: "Enter an email address like name@example.org." }))
  .transform((e) => e.toLowerCase());

/** A password being chosen: 12 to 128 characters of any kind. */
export const NewPassword = z
  .string({ error: "Choose a password." })
  .refine(
    (p) => passwordLength(p) >= PASSWORD_MIN_LENGTH,
    `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  )
  .refine(
    (p) => passwordLength(p) <= PASSWORD_MAX_LENGTH,
    `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  );

/** A password being typed to sign in: never validated beyond a sane size. */
export const CurrentPassword = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(1024, "Enter your password.");

const checkbox = z
  .union([
    z.literal("on"),
    z.literal("true"),
    z.literal("1"),
    z.literal(""),
    z.undefined(),
    z.null(),
  ])
  .transform((v) => v === "on" || v === "true" || v === "1");

export const Token = z
  .string({ error: "This link is incomplete." })
  .regex(/^[A-Za-z0-9_-]{43}$/, "This link is incomplete or damaged.");

/** A TOTP code (6 digits) or a recovery code (xxxxx-xxxxx). */
export const SecondFactorCode = z
  .string({ error: "Enter the code." })
  .trim()
  .min(6, "Enter the 6-digit code from your app or one of your recovery codes.")
  .max(20, "Enter the 6-digit code from your app or one of your recovery codes.");

export const TotpCode = z
  .string({ error: "Enter the code." })
  .trim()
  .regex(/^\d{6}$/, "Enter the 6-digit code shown by your authenticator app.");

export const LoginInput = z.object({
  email: Email,
  password: CurrentPassword,
  remember: checkbox.optional().transform((v) => v ?? false),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const TwoFactorLoginInput = z.object({ code: SecondFactorCode });

export const RegisterInput = z.object({
  name: z
    .string({ error: "Enter your name." })
    .trim()
    .min(1, "Enter your name.")
    .max(120, "Use at most 120 characters."),
  email: Email,
  password: NewPassword,
  /** Honeypot: hidden from people, filled in by naive bots. */
  website: z.string().max(200).optional(),
});
export type RegisterInput = z.infer<typeof RegisterInput>;

export const ForgotPasswordInput = z.object({ email: Email });
export const ResetPasswordInput = z.object({ token: Token, password: NewPassword });
export const TokenInput = z.object({ token: Token });
export const ChangePasswordInput = z.object({
  currentPassword: CurrentPassword,
  newPassword: NewPassword,
});
export const ChangeEmailInput = z.object({ newEmail: Email, currentPassword: CurrentPassword });
export const ConfirmTotpInput = z.object({ code: TotpCode });
export const DisableTotpInput = z.object({
  currentPassword: CurrentPassword,
  code: SecondFactorCode,
});
export const ReauthInput = z.object({ currentPassword: CurrentPassword });
