-- Accounts and authentication (issue 4): session versions, TOTP, single-use tokens, recovery
-- codes, sign-in records, per-email lockout and the rate-limit counters.
-- See docs/decisions/002-next-auth-jwt-session-version.md.

-- Users: a session version (bumped to end every session at once) and TOTP 2FA.
ALTER TABLE "app_user"
    ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN "password_changed_at" TIMESTAMPTZ(6),
    -- Base32 TOTP secret; set but not yet enabled while enrolment awaits its confirmation code.
    ADD COLUMN "totp_secret" VARCHAR(64),
    ADD COLUMN "totp_enabled_at" TIMESTAMPTZ(6),
    -- Last TOTP time step accepted: a code of this step or an older one is a replay.
    ADD COLUMN "totp_last_step" BIGINT,
    ADD CONSTRAINT "app_user_totp_shape" CHECK ("totp_enabled_at" IS NULL OR "totp_secret" IS NOT NULL),
    ADD CONSTRAINT "app_user_session_version_positive" CHECK ("session_version" > 0);

-- Single-use tokens, stored only as SHA-256 hashes of 256-bit random values.
CREATE TYPE "AuthTokenPurpose" AS ENUM ('VERIFY_EMAIL', 'RESET_PASSWORD', 'UNLOCK_ACCOUNT', 'CHANGE_EMAIL', 'LOGIN_CHALLENGE');

CREATE TABLE "auth_token" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "purpose" "AuthTokenPurpose" NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    -- CHANGE_EMAIL: the address being confirmed.
    "new_email" CITEXT,
    -- LOGIN_CHALLENGE: "remember me" chosen at the password step, wrong codes so far.
    "remember" BOOLEAN NOT NULL DEFAULT false,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    CONSTRAINT "auth_token_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "auth_token_hash_format" CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "auth_token_expires_after_creation" CHECK ("expires_at" > "created_at"),
    CONSTRAINT "auth_token_new_email_shape" CHECK (("purpose" = 'CHANGE_EMAIL') = ("new_email" IS NOT NULL))
);
CREATE UNIQUE INDEX "auth_token_token_hash_key" ON "auth_token"("token_hash");
CREATE INDEX "auth_token_user_id_purpose_idx" ON "auth_token"("user_id", "purpose");
ALTER TABLE "auth_token" ADD CONSTRAINT "auth_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Two-factor recovery codes (10 per user), stored as SHA-256 hashes, single-use.
CREATE TABLE "recovery_code" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "code_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "used_at" TIMESTAMPTZ(6),
    CONSTRAINT "recovery_code_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "recovery_code_hash_format" CHECK ("code_hash" ~ '^[0-9a-f]{64}$')
);
CREATE UNIQUE INDEX "recovery_code_user_id_code_hash_key" ON "recovery_code"("user_id", "code_hash");
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row per sign-in: the session its JWT names (claim `sid`). A session is valid while the
-- user's session_version still equals the one recorded here, it has not ended, its absolute
-- expiry is ahead and it was seen within its idle timeout.
CREATE TABLE "user_session" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "session_version" INTEGER NOT NULL,
    "method" VARCHAR(20) NOT NULL,
    "remember" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "last_seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "idle_timeout_seconds" INTEGER NOT NULL,
    "ended_at" TIMESTAMPTZ(6),
    "end_reason" VARCHAR(40),
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(400),
    "device_hash" CHAR(64),
    CONSTRAINT "user_session_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "user_session_method_known" CHECK ("method" IN ('password', 'totp', 'recovery_code')),
    CONSTRAINT "user_session_expires_after_creation" CHECK ("expires_at" > "created_at"),
    CONSTRAINT "user_session_idle_positive" CHECK ("idle_timeout_seconds" > 0),
    CONSTRAINT "user_session_end_shape" CHECK (("ended_at" IS NULL) = ("end_reason" IS NULL))
);
CREATE INDEX "user_session_user_id_created_at_idx" ON "user_session"("user_id", "created_at");
ALTER TABLE "user_session" ADD CONSTRAINT "user_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Per-account login protection, keyed by the email typed at sign-in (not by user id) so that
-- unknown addresses go through exactly the same states and answers as existing accounts.
CREATE TABLE "login_lockout" (
    "email" CITEXT NOT NULL,
    "failed_count" INTEGER NOT NULL DEFAULT 0,
    "lock_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(6),
    "last_failure_at" TIMESTAMPTZ(6),
    CONSTRAINT "login_lockout_pkey" PRIMARY KEY ("email"),
    CONSTRAINT "login_lockout_counts" CHECK ("failed_count" >= 0 AND "lock_count" >= 0)
);

-- Fixed-window counters for per-address and global throttles (server/rate-limit/).
CREATE TABLE "rate_limit" (
    "key" VARCHAR(200) NOT NULL,
    "points" INTEGER NOT NULL,
    "window_ends_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "rate_limit_window_ends_at_idx" ON "rate_limit"("window_ends_at");

-- A change of role or status in any club ends the user's sessions at once (the JWT carries the
-- session version). A new membership ends them only when it grants a staff role.
CREATE FUNCTION courtside_membership_session_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE app_user SET session_version = session_version + 1 WHERE id = OLD.user_id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.role <> 'PLAYER' THEN
            UPDATE app_user SET session_version = session_version + 1 WHERE id = NEW.user_id;
        END IF;
        RETURN NULL;
    END IF;
    IF NEW.role IS DISTINCT FROM OLD.role OR NEW.status IS DISTINCT FROM OLD.status
       OR NEW.user_id IS DISTINCT FROM OLD.user_id OR NEW.club_id IS DISTINCT FROM OLD.club_id THEN
        UPDATE app_user SET session_version = session_version + 1 WHERE id IN (OLD.user_id, NEW.user_id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER membership_session_version AFTER INSERT OR UPDATE OR DELETE ON "membership"
    FOR EACH ROW EXECUTE FUNCTION courtside_membership_session_version();
