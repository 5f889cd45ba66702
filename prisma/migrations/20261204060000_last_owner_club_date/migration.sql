-- The last-owner trigger counts an owner as active in the club's own calendar, like the app
-- (lib/membership.ts isActiveMembership, docs/decisions/019-capability-table.md): the validity of a
-- membership ends at the end of its last day in the club's time zone, not at midnight of the
-- database's zone. Same rule and lock as 20261127052000_admin_members otherwise.
CREATE OR REPLACE FUNCTION courtside_keep_last_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    club_today date;
    was_owner boolean;
    still_owner boolean := false;
BEGIN
    IF NOT (OLD.role = 'OWNER' AND OLD.status = 'ACTIVE') THEN
        RETURN NULL;
    END IF;
    PERFORM pg_advisory_xact_lock(7401, hashtext(OLD.club_id::text));
    SELECT (now() AT TIME ZONE "time_zone")::date INTO club_today FROM "club" WHERE "id" = OLD.club_id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    was_owner := OLD.valid_until IS NULL OR OLD.valid_until >= club_today;
    IF TG_OP = 'UPDATE' THEN
        still_owner := NEW.role = 'OWNER' AND NEW.status = 'ACTIVE' AND NEW.club_id = OLD.club_id
            AND (NEW.valid_until IS NULL OR NEW.valid_until >= club_today);
    END IF;
    IF NOT was_owner OR still_owner THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM "membership"
        WHERE "club_id" = OLD.club_id AND "role" = 'OWNER' AND "status" = 'ACTIVE'
          AND ("valid_until" IS NULL OR "valid_until" >= club_today)
    ) THEN
        RAISE EXCEPTION 'a club must keep at least one owner' USING ERRCODE = '23514',
            CONSTRAINT = 'membership_last_owner';
    END IF;
    RETURN NULL;
END;
$$;
