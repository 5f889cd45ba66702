-- Club admin, members (issue 6 item 7): invitations by email, and the club's last owner.

-- An invitation to join a club, sent by email. Only the SHA-256 hash of its random token is
-- stored; it is used once (accepted_at) and can be revoked. Accepting creates the membership
-- with the role, tier and validity chosen by the manager.
CREATE TABLE "membership_invitation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "email" CITEXT NOT NULL,
    "name" VARCHAR(120),
    "role" "Role" NOT NULL DEFAULT 'PLAYER',
    "tier_id" UUID,
    "valid_until" DATE,
    "token_hash" CHAR(64) NOT NULL,
    "invited_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "accepted_at" TIMESTAMPTZ(6),
    "accepted_by_id" UUID,
    "revoked_at" TIMESTAMPTZ(6),
    CONSTRAINT "membership_invitation_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "membership_invitation_once" CHECK ("accepted_at" IS NULL OR "revoked_at" IS NULL)
);
CREATE UNIQUE INDEX "membership_invitation_token_hash_key" ON "membership_invitation"("token_hash");
CREATE INDEX "membership_invitation_club_id_created_at_idx" ON "membership_invitation"("club_id", "created_at");
ALTER TABLE "membership_invitation" ADD CONSTRAINT "membership_invitation_club_id_fkey"
    FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership_invitation" ADD CONSTRAINT "membership_invitation_tier_id_fkey"
    FOREIGN KEY ("tier_id") REFERENCES "membership_tier"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Nobody can remove or demote a club's last owner: a change that leaves a club, which had an
-- active owner, without one is refused (the app checks it first under the same lock, to answer
-- with a clear message). Concurrent demotions of two owners are serialised by the advisory lock,
-- and the count that follows sees the other's committed change. Deleting the club itself (its
-- memberships go with it) is allowed.
CREATE FUNCTION courtside_keep_last_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was_owner boolean;
    still_owner boolean := false;
BEGIN
    was_owner := OLD.role = 'OWNER' AND OLD.status = 'ACTIVE'
        AND (OLD.valid_until IS NULL OR OLD.valid_until >= current_date);
    IF TG_OP = 'UPDATE' THEN
        still_owner := NEW.role = 'OWNER' AND NEW.status = 'ACTIVE' AND NEW.club_id = OLD.club_id
            AND (NEW.valid_until IS NULL OR NEW.valid_until >= current_date);
    END IF;
    IF NOT was_owner OR still_owner THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(7401, hashtext(OLD.club_id::text));
    IF NOT EXISTS (SELECT 1 FROM "club" WHERE "id" = OLD.club_id) THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM "membership"
        WHERE "club_id" = OLD.club_id AND "role" = 'OWNER' AND "status" = 'ACTIVE'
          AND ("valid_until" IS NULL OR "valid_until" >= current_date)
    ) THEN
        RAISE EXCEPTION 'a club must keep at least one owner' USING ERRCODE = '23514',
            CONSTRAINT = 'membership_last_owner';
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER membership_keep_last_owner AFTER UPDATE OR DELETE ON "membership"
    FOR EACH ROW EXECUTE FUNCTION courtside_keep_last_owner();
