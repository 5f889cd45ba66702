-- Courtside initial schema.
-- Extensions: citext for case-insensitive emails, btree_gist for the exclusion constraint that
-- makes overlapping use of a court impossible.
CREATE EXTENSION IF NOT EXISTS citext;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- Enums
CREATE TYPE "Sport" AS ENUM ('TENNIS', 'PADEL', 'SQUASH', 'BADMINTON', 'PICKLEBALL');
CREATE TYPE "Surface" AS ENUM ('CLAY', 'HARD', 'GRASS', 'ARTIFICIAL_GRASS', 'CARPET', 'WOOD', 'OTHER');
CREATE TYPE "Role" AS ENUM ('OWNER', 'MANAGER', 'STAFF', 'PLAYER');
CREATE TYPE "MembershipStatus" AS ENUM ('INVITED', 'ACTIVE', 'SUSPENDED', 'ENDED');
CREATE TYPE "BookingStatus" AS ENUM ('PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED');
CREATE TYPE "BlockKind" AS ENUM ('LESSON', 'TOURNAMENT', 'MAINTENANCE', 'OTHER');

-- Club
CREATE TABLE "club" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "slug" VARCHAR(63) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "time_zone" VARCHAR(64) NOT NULL,
    "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
    "contact_email" CITEXT NOT NULL,
    "security_contact_email" CITEXT NOT NULL,
    "slot_minutes" INTEGER NOT NULL DEFAULT 30,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "club_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "club_slug_format" CHECK ("slug" ~ '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$'),
    CONSTRAINT "club_currency_format" CHECK ("currency" ~ '^[A-Z]{3}$'),
    CONSTRAINT "club_slot_minutes_range" CHECK ("slot_minutes" IN (10, 15, 20, 30, 60)),
    CONSTRAINT "club_name_not_blank" CHECK (length(btrim("name")) > 0)
);
CREATE UNIQUE INDEX "club_slug_key" ON "club"("slug");

-- Court
CREATE TABLE "court" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "name" VARCHAR(60) NOT NULL,
    "sport" "Sport" NOT NULL,
    "surface" "Surface" NOT NULL DEFAULT 'HARD',
    "indoor" BOOLEAN NOT NULL DEFAULT false,
    "floodlights" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "court_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "court_name_not_blank" CHECK (length(btrim("name")) > 0)
);
CREATE UNIQUE INDEX "court_club_id_name_key" ON "court"("club_id", "name");
CREATE INDEX "court_club_id_position_idx" ON "court"("club_id", "position");

-- Opening hours (club-wide, per ISO weekday, local minutes since midnight)
CREATE TABLE "opening_hours" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "opens_minute" SMALLINT NOT NULL,
    "closes_minute" SMALLINT NOT NULL,
    CONSTRAINT "opening_hours_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "opening_hours_weekday_range" CHECK ("weekday" BETWEEN 1 AND 7),
    CONSTRAINT "opening_hours_minutes_range" CHECK (
        "opens_minute" >= 0 AND "closes_minute" <= 1440 AND "opens_minute" < "closes_minute"
    )
);
CREATE UNIQUE INDEX "opening_hours_club_id_weekday_key" ON "opening_hours"("club_id", "weekday");

-- Per-court overrides of opening hours
CREATE TABLE "court_opening_hours" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "court_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "closed" BOOLEAN NOT NULL DEFAULT false,
    "opens_minute" SMALLINT,
    "closes_minute" SMALLINT,
    CONSTRAINT "court_opening_hours_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "court_opening_hours_weekday_range" CHECK ("weekday" BETWEEN 1 AND 7),
    CONSTRAINT "court_opening_hours_shape" CHECK (
        ("closed" AND "opens_minute" IS NULL AND "closes_minute" IS NULL)
        OR (NOT "closed" AND "opens_minute" >= 0 AND "closes_minute" <= 1440
            AND "opens_minute" < "closes_minute")
    )
);
CREATE UNIQUE INDEX "court_opening_hours_court_id_weekday_key" ON "court_opening_hours"("court_id", "weekday");

-- Closure dates (holidays), club-wide or per court
CREATE TABLE "closure" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "court_id" UUID,
    "date" DATE NOT NULL,
    "reason" VARCHAR(200) NOT NULL,
    CONSTRAINT "closure_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "closure_club_id_date_idx" ON "closure"("club_id", "date");

-- Users
CREATE TABLE "app_user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" CITEXT NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "password_hash" TEXT,
    "email_verified_at" TIMESTAMPTZ(6),
    "locale" VARCHAR(10) NOT NULL DEFAULT 'en',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "app_user_email_format" CHECK ("email" ~ '^[^@\s]+@[^@\s]+$' AND length("email") <= 254)
);
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- Membership tiers
CREATE TABLE "membership_tier" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "name" VARCHAR(60) NOT NULL,
    "description" VARCHAR(500),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "membership_tier_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "membership_tier_club_id_name_key" ON "membership_tier"("club_id", "name");

-- Memberships (user x club)
CREATE TABLE "membership" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "club_id" UUID NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'PLAYER',
    "tier_id" UUID,
    "status" "MembershipStatus" NOT NULL DEFAULT 'ACTIVE',
    "valid_until" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "membership_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "membership_user_id_club_id_key" ON "membership"("user_id", "club_id");
CREATE INDEX "membership_club_id_role_idx" ON "membership"("club_id", "role");

-- Bookings
CREATE TABLE "booking" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "court_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(6) NOT NULL,
    "ends_at" TIMESTAMPTZ(6) NOT NULL,
    "status" "BookingStatus" NOT NULL DEFAULT 'CONFIRMED',
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "cancelled_at" TIMESTAMPTZ(6),
    "cancelled_by_id" UUID,
    "cancel_reason" VARCHAR(500),
    CONSTRAINT "booking_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "booking_ends_after_start" CHECK ("ends_at" > "starts_at"),
    -- Sane durations: 10 minutes to 12 hours, on whole minutes.
    CONSTRAINT "booking_duration_range" CHECK (
        "ends_at" - "starts_at" BETWEEN interval '10 minutes' AND interval '12 hours'
    ),
    CONSTRAINT "booking_whole_minutes" CHECK (
        date_trunc('minute', "starts_at") = "starts_at" AND date_trunc('minute', "ends_at") = "ends_at"
    ),
    CONSTRAINT "booking_cancellation_shape" CHECK (
        ("status" = 'CANCELLED') = ("cancelled_at" IS NOT NULL)
    )
);
CREATE INDEX "booking_club_id_starts_at_idx" ON "booking"("club_id", "starts_at");
CREATE INDEX "booking_court_id_starts_at_idx" ON "booking"("court_id", "starts_at");

-- Players of a booking: a member or a named guest
CREATE TABLE "booking_player" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "booking_id" UUID NOT NULL,
    "user_id" UUID,
    "guest_name" VARCHAR(120),
    CONSTRAINT "booking_player_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "booking_player_member_xor_guest" CHECK (
        ("user_id" IS NULL) <> ("guest_name" IS NULL)
    ),
    CONSTRAINT "booking_player_guest_not_blank" CHECK ("guest_name" IS NULL OR length(btrim("guest_name")) > 0)
);
CREATE UNIQUE INDEX "booking_player_booking_id_user_id_key" ON "booking_player"("booking_id", "user_id");
CREATE INDEX "booking_player_user_id_idx" ON "booking_player"("user_id");

-- Blocks (lessons, tournaments, maintenance)
CREATE TABLE "block" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "court_id" UUID,
    "starts_at" TIMESTAMPTZ(6) NOT NULL,
    "ends_at" TIMESTAMPTZ(6) NOT NULL,
    "kind" "BlockKind" NOT NULL,
    "title" VARCHAR(120) NOT NULL,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "block_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "block_ends_after_start" CHECK ("ends_at" > "starts_at"),
    CONSTRAINT "block_duration_range" CHECK ("ends_at" - "starts_at" <= interval '366 days'),
    CONSTRAINT "block_title_not_blank" CHECK (length(btrim("title")) > 0)
);
CREATE INDEX "block_club_id_starts_at_idx" ON "block"("club_id", "starts_at");

-- Court occupancy: the single place where overlaps are made impossible.
CREATE TABLE "court_occupancy" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "court_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(6) NOT NULL,
    "ends_at" TIMESTAMPTZ(6) NOT NULL,
    "booking_id" UUID,
    "block_id" UUID,
    CONSTRAINT "court_occupancy_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "court_occupancy_booking_xor_block" CHECK (("booking_id" IS NULL) <> ("block_id" IS NULL)),
    CONSTRAINT "court_occupancy_ends_after_start" CHECK ("ends_at" > "starts_at"),
    -- Half-open ranges: 10:00-11:00 and 11:00-12:00 coexist.
    CONSTRAINT "court_occupancy_no_overlap" EXCLUDE USING gist (
        "court_id" WITH =,
        tstzrange("starts_at", "ends_at", '[)') WITH &&
    )
);
CREATE UNIQUE INDEX "court_occupancy_booking_id_key" ON "court_occupancy"("booking_id");
CREATE UNIQUE INDEX "court_occupancy_block_id_court_id_key" ON "court_occupancy"("block_id", "court_id");

-- Audit events (append-only)
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "club_id" UUID,
    "actor_id" UUID,
    "action" VARCHAR(80) NOT NULL,
    "target_type" VARCHAR(40),
    "target_id" VARCHAR(80),
    "ip" VARCHAR(45),
    "user_agent" VARCHAR(400),
    "details" JSONB NOT NULL DEFAULT '{}',
    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "audit_event_club_id_at_idx" ON "audit_event"("club_id", "at");
CREATE INDEX "audit_event_action_at_idx" ON "audit_event"("action", "at");

-- CSP violation reports
CREATE TABLE "csp_violation" (
    "id" BIGSERIAL NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "document_uri" VARCHAR(2000),
    "effective_directive" VARCHAR(100),
    "blocked_uri" VARCHAR(2000),
    "source_file" VARCHAR(2000),
    "line_number" INTEGER,
    "sample" VARCHAR(200),
    "user_agent" VARCHAR(400),
    CONSTRAINT "csp_violation_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "csp_violation_received_at_idx" ON "csp_violation"("received_at");

-- Foreign keys
ALTER TABLE "court" ADD CONSTRAINT "court_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "opening_hours" ADD CONSTRAINT "opening_hours_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "court_opening_hours" ADD CONSTRAINT "court_opening_hours_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "closure" ADD CONSTRAINT "closure_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "closure" ADD CONSTRAINT "closure_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership_tier" ADD CONSTRAINT "membership_tier_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership" ADD CONSTRAINT "membership_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership" ADD CONSTRAINT "membership_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "membership" ADD CONSTRAINT "membership_tier_id_fkey" FOREIGN KEY ("tier_id") REFERENCES "membership_tier"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "booking" ADD CONSTRAINT "booking_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "booking" ADD CONSTRAINT "booking_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "booking" ADD CONSTRAINT "booking_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "booking" ADD CONSTRAINT "booking_cancelled_by_id_fkey" FOREIGN KEY ("cancelled_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "booking_player" ADD CONSTRAINT "booking_player_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "booking_player" ADD CONSTRAINT "booking_player_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "block" ADD CONSTRAINT "block_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "block" ADD CONSTRAINT "block_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "block" ADD CONSTRAINT "block_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "court_occupancy" ADD CONSTRAINT "court_occupancy_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "court_occupancy" ADD CONSTRAINT "court_occupancy_booking_id_fkey" FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "court_occupancy" ADD CONSTRAINT "court_occupancy_block_id_fkey" FOREIGN KEY ("block_id") REFERENCES "block"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Club-scoped integrity the FKs alone cannot express: a booking's or block's court belongs to
-- the same club, a closure's court too, and a membership's tier is one of the club's tiers.
CREATE FUNCTION courtside_check_same_club() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    court_club UUID;
BEGIN
    IF TG_TABLE_NAME = 'membership' THEN
        IF NEW.tier_id IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM membership_tier t WHERE t.id = NEW.tier_id AND t.club_id = NEW.club_id
        ) THEN
            RAISE EXCEPTION 'membership tier % does not belong to club %', NEW.tier_id, NEW.club_id
                USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.court_id IS NOT NULL THEN
        SELECT club_id INTO court_club FROM court WHERE id = NEW.court_id;
        IF court_club IS DISTINCT FROM NEW.club_id THEN
            RAISE EXCEPTION 'court % does not belong to club %', NEW.court_id, NEW.club_id
                USING ERRCODE = '23514';
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER booking_same_club BEFORE INSERT OR UPDATE OF club_id, court_id ON "booking"
    FOR EACH ROW EXECUTE FUNCTION courtside_check_same_club();
CREATE TRIGGER block_same_club BEFORE INSERT OR UPDATE OF club_id, court_id ON "block"
    FOR EACH ROW EXECUTE FUNCTION courtside_check_same_club();
CREATE TRIGGER closure_same_club BEFORE INSERT OR UPDATE OF club_id, court_id ON "closure"
    FOR EACH ROW EXECUTE FUNCTION courtside_check_same_club();
CREATE TRIGGER membership_same_club BEFORE INSERT OR UPDATE OF club_id, tier_id ON "membership"
    FOR EACH ROW EXECUTE FUNCTION courtside_check_same_club();

-- Occupancy maintenance. A booking occupies its court while it is not cancelled; a block
-- occupies its court, or every court of its club (also courts added later).
CREATE FUNCTION courtside_booking_occupancy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM court_occupancy WHERE booking_id = OLD.id;
    END IF;
    IF NEW.status <> 'CANCELLED' THEN
        INSERT INTO court_occupancy (court_id, starts_at, ends_at, booking_id)
        VALUES (NEW.court_id, NEW.starts_at, NEW.ends_at, NEW.id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER booking_occupancy_insert AFTER INSERT ON "booking"
    FOR EACH ROW EXECUTE FUNCTION courtside_booking_occupancy();
CREATE TRIGGER booking_occupancy_update AFTER UPDATE OF status, court_id, starts_at, ends_at ON "booking"
    FOR EACH ROW EXECUTE FUNCTION courtside_booking_occupancy();

CREATE FUNCTION courtside_block_occupancy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM court_occupancy WHERE block_id = OLD.id;
    END IF;
    INSERT INTO court_occupancy (court_id, starts_at, ends_at, block_id)
    SELECT c.id, NEW.starts_at, NEW.ends_at, NEW.id
    FROM court c
    WHERE c.club_id = NEW.club_id AND (NEW.court_id IS NULL OR c.id = NEW.court_id);
    RETURN NULL;
END;
$$;
CREATE TRIGGER block_occupancy_insert AFTER INSERT ON "block"
    FOR EACH ROW EXECUTE FUNCTION courtside_block_occupancy();
CREATE TRIGGER block_occupancy_update AFTER UPDATE OF club_id, court_id, starts_at, ends_at ON "block"
    FOR EACH ROW EXECUTE FUNCTION courtside_block_occupancy();

CREATE FUNCTION courtside_court_club_blocks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO court_occupancy (court_id, starts_at, ends_at, block_id)
    SELECT NEW.id, b.starts_at, b.ends_at, b.id
    FROM block b
    WHERE b.club_id = NEW.club_id AND b.court_id IS NULL AND b.ends_at > now();
    RETURN NULL;
END;
$$;
CREATE TRIGGER court_club_blocks AFTER INSERT ON "court"
    FOR EACH ROW EXECUTE FUNCTION courtside_court_club_blocks();

-- The audit log is append-only.
CREATE FUNCTION courtside_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "audit_event"
    FOR EACH ROW EXECUTE FUNCTION courtside_audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "audit_event"
    FOR EACH STATEMENT EXECUTE FUNCTION courtside_audit_append_only();
