-- Club admin setup (issue 6: courts, hours, tiers, prices, settings). Prices: what a player pays
-- for court time, per court (or every court of the club when court_id is NULL) × time band
-- (ISO weekdays + local start/end minute, half-open) × audience, in the club's currency as integer
-- minor units per player and per hour. lib/pricing.ts turns these rows into an amount.
CREATE TYPE "PriceAudience" AS ENUM ('MEMBER', 'GUEST', 'NON_MEMBER');

CREATE TABLE "price_rule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "court_id" UUID,
    "name" VARCHAR(60) NOT NULL,
    "weekdays" INTEGER[] NOT NULL,
    "start_minute" SMALLINT NOT NULL,
    "end_minute" SMALLINT NOT NULL,
    "audience" "PriceAudience" NOT NULL,
    "amount_minor" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "price_rule_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "price_rule_name_not_blank" CHECK (length(btrim("name")) > 0),
    CONSTRAINT "price_rule_weekdays_shape" CHECK (
        cardinality("weekdays") BETWEEN 1 AND 7
        AND array_position("weekdays", NULL) IS NULL
        AND 1 <= ALL ("weekdays") AND 7 >= ALL ("weekdays")
    ),
    CONSTRAINT "price_rule_minutes_range" CHECK (
        "start_minute" >= 0 AND "end_minute" <= 1440 AND "start_minute" < "end_minute"
    ),
    CONSTRAINT "price_rule_amount_range" CHECK ("amount_minor" BETWEEN 0 AND 10000000)
);
CREATE INDEX "price_rule_club_id_idx" ON "price_rule"("club_id");
ALTER TABLE "price_rule" ADD CONSTRAINT "price_rule_club_id_fkey" FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "price_rule" ADD CONSTRAINT "price_rule_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE CASCADE ON UPDATE CASCADE;
-- A price rule's court belongs to the rule's club.
CREATE TRIGGER price_rule_same_club BEFORE INSERT OR UPDATE OF club_id, court_id ON "price_rule"
    FOR EACH ROW EXECUTE FUNCTION courtside_check_same_club();

-- Closure reasons are shown to players: never blank.
ALTER TABLE "closure" ADD CONSTRAINT "closure_reason_not_blank" CHECK (length(btrim("reason")) > 0);
