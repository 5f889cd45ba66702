-- Staff powers need two-factor authentication verified in the session
-- (docs/decisions/017-staff-powers-need-2fa.md): when this session verified a second factor
-- (signed in with a TOTP or recovery code, or confirmed the enrolment in it). NULL: it did not.
ALTER TABLE "user_session" ADD COLUMN "two_factor_verified_at" TIMESTAMPTZ(6);

-- Existing sessions: those that signed in with a second factor (enrolment hands back a fresh
-- session whose method is "totp", so it is covered too).
UPDATE "user_session"
SET "two_factor_verified_at" = "created_at"
WHERE "method" IN ('totp', 'recovery_code');
