-- Player booking (issue 5): booking policy per membership tier, per-club sport rules and peak
-- bands, idempotent booking creation, and the data the waiting list, reminders and personal
-- calendar feeds need. See docs/decisions/007-booking-concurrency.md.

-- Booking rules of a membership tier (lib/booking-policy.ts, TierPolicy). A NULL count means
-- "no limit". Defaults are permissive; clubs tighten them per tier.
ALTER TABLE "membership_tier"
    ADD COLUMN "horizon_days" INTEGER NOT NULL DEFAULT 7,
    ADD COLUMN "release_minute" INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN "max_active_bookings" INTEGER,
    ADD COLUMN "max_per_day" INTEGER,
    ADD COLUMN "max_per_week" INTEGER,
    ADD COLUMN "max_peak_per_week" INTEGER,
    ADD COLUMN "no_back_to_back" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "cancel_notice_minutes" INTEGER NOT NULL DEFAULT 60,
    ADD COLUMN "partner_bookings_count" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "partners_must_be_active" BOOLEAN NOT NULL DEFAULT true,
    ADD COLUMN "max_guests_per_booking" INTEGER NOT NULL DEFAULT 1,
    ADD CONSTRAINT "membership_tier_horizon_range" CHECK ("horizon_days" BETWEEN 0 AND 365),
    ADD CONSTRAINT "membership_tier_release_minute_range" CHECK ("release_minute" BETWEEN 0 AND 1439),
    ADD CONSTRAINT "membership_tier_limits_range" CHECK (
        ("max_active_bookings" IS NULL OR "max_active_bookings" BETWEEN 0 AND 1000)
        AND ("max_per_day" IS NULL OR "max_per_day" BETWEEN 0 AND 100)
        AND ("max_per_week" IS NULL OR "max_per_week" BETWEEN 0 AND 700)
        AND ("max_peak_per_week" IS NULL OR "max_peak_per_week" BETWEEN 0 AND 700)
    ),
    ADD CONSTRAINT "membership_tier_cancel_notice_range" CHECK ("cancel_notice_minutes" BETWEEN 0 AND 43200),
    ADD CONSTRAINT "membership_tier_guests_range" CHECK ("max_guests_per_booking" BETWEEN 0 AND 10);

-- What a club allows per sport: booking durations (minutes) and players on court (booker
-- included, e.g. singles 2 and doubles 4). A sport without a row gets the defaults of
-- server/bookings/policy-context.ts.
CREATE TABLE "club_sport" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "sport" "Sport" NOT NULL,
    "allowed_durations" INTEGER[] NOT NULL,
    "allowed_player_counts" INTEGER[] NOT NULL,
    CONSTRAINT "club_sport_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "club_sport_durations_shape" CHECK (
        cardinality("allowed_durations") BETWEEN 1 AND 8
        AND array_position("allowed_durations", NULL) IS NULL
        AND 10 <= ALL ("allowed_durations") AND 720 >= ALL ("allowed_durations")
    ),
    CONSTRAINT "club_sport_player_counts_shape" CHECK (
        cardinality("allowed_player_counts") BETWEEN 1 AND 8
        AND array_position("allowed_player_counts", NULL) IS NULL
        AND 1 <= ALL ("allowed_player_counts") AND 12 >= ALL ("allowed_player_counts")
    )
);
CREATE UNIQUE INDEX "club_sport_club_id_sport_key" ON "club_sport"("club_id", "sport");
ALTER TABLE "club_sport" ADD CONSTRAINT "club_sport_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Peak time bands of a club (local time, ISO weekday): peak limits of tiers apply to bookings
-- that start inside one.
CREATE TABLE "peak_band" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "weekday" SMALLINT NOT NULL,
    "start_minute" SMALLINT NOT NULL,
    "end_minute" SMALLINT NOT NULL,
    CONSTRAINT "peak_band_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "peak_band_weekday_range" CHECK ("weekday" BETWEEN 1 AND 7),
    CONSTRAINT "peak_band_minutes_range" CHECK (
        "start_minute" >= 0 AND "end_minute" <= 1440 AND "start_minute" < "end_minute"
    )
);
CREATE INDEX "peak_band_club_id_idx" ON "peak_band"("club_id");
ALTER TABLE "peak_band" ADD CONSTRAINT "peak_band_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Bookings: idempotent creation (the same Idempotency-Key from the same booker returns the same
-- booking; the SHA-256 fingerprint of the request tells a retry from a reused key), and the
-- reminder job's "sent once" mark.
ALTER TABLE "booking"
    ADD COLUMN "idempotency_key" VARCHAR(200),
    ADD COLUMN "idempotency_fingerprint" CHAR(64),
    ADD COLUMN "reminder_sent_at" TIMESTAMPTZ(6),
    ADD CONSTRAINT "booking_idempotency_shape" CHECK (
        ("idempotency_key" IS NULL) = ("idempotency_fingerprint" IS NULL)
        AND ("idempotency_key" IS NULL OR "created_by_id" IS NOT NULL)
    ),
    ADD CONSTRAINT "booking_idempotency_fingerprint_format" CHECK (
        "idempotency_fingerprint" IS NULL OR "idempotency_fingerprint" ~ '^[0-9a-f]{64}$'
    );
CREATE UNIQUE INDEX "booking_created_by_id_idempotency_key_key" ON "booking"("created_by_id", "idempotency_key");
-- The reminder job scans confirmed bookings not yet reminded, by start time.
CREATE INDEX "booking_reminder_due_idx" ON "booking"("starts_at")
    WHERE "reminder_sent_at" IS NULL AND "status" = 'CONFIRMED';

-- Waiting list: a player waits for a taken slot of one court. `notified_at` is set when the
-- slot frees and the player is told; `resolved_at` when the entry is done with (booked, expired,
-- withdrawn), with the reason.
CREATE TABLE "waitlist_entry" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "court_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "starts_at" TIMESTAMPTZ(6) NOT NULL,
    "ends_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "notified_at" TIMESTAMPTZ(6),
    "resolved_at" TIMESTAMPTZ(6),
    "resolution" VARCHAR(20),
    CONSTRAINT "waitlist_entry_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "waitlist_entry_ends_after_start" CHECK ("ends_at" > "starts_at"),
    CONSTRAINT "waitlist_entry_duration_range" CHECK ("ends_at" - "starts_at" <= interval '12 hours'),
    CONSTRAINT "waitlist_entry_resolution_shape" CHECK (
        ("resolved_at" IS NULL) = ("resolution" IS NULL)
        AND ("resolution" IS NULL OR "resolution" IN ('BOOKED', 'EXPIRED', 'WITHDRAWN'))
    )
);
CREATE UNIQUE INDEX "waitlist_entry_court_id_starts_at_user_id_key" ON "waitlist_entry"("court_id", "starts_at", "user_id");
CREATE INDEX "waitlist_entry_user_id_idx" ON "waitlist_entry"("user_id");
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE TRIGGER waitlist_entry_same_club BEFORE INSERT OR UPDATE OF club_id, court_id ON "waitlist_entry"
    FOR EACH ROW EXECUTE FUNCTION courtside_check_same_club();

-- Personal calendar feed (iCalendar subscription URL): only the SHA-256 hash of the secret token
-- is stored; revoking sets revoked_at. At most one live feed per user.
CREATE TABLE "calendar_feed" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "last_used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    CONSTRAINT "calendar_feed_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "calendar_feed_hash_format" CHECK ("token_hash" ~ '^[0-9a-f]{64}$')
);
CREATE UNIQUE INDEX "calendar_feed_token_hash_key" ON "calendar_feed"("token_hash");
CREATE INDEX "calendar_feed_user_id_idx" ON "calendar_feed"("user_id");
CREATE UNIQUE INDEX "calendar_feed_one_live_per_user" ON "calendar_feed"("user_id") WHERE "revoked_at" IS NULL;
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;
