-- Checkout (issue 7): the club's refund policy for cancelled paid bookings.
-- Cancelled at least refund_full_notice_minutes before the start → full refund; at least
-- refund_partial_notice_minutes before → refund_partial_percent of what was paid; later → none.
ALTER TABLE "club"
    ADD COLUMN "refund_full_notice_minutes" INTEGER NOT NULL DEFAULT 1440,
    ADD COLUMN "refund_partial_notice_minutes" INTEGER NOT NULL DEFAULT 120,
    ADD COLUMN "refund_partial_percent" INTEGER NOT NULL DEFAULT 50,
    ADD CONSTRAINT "club_refund_policy_valid" CHECK (
        "refund_partial_notice_minutes" >= 0
        AND "refund_partial_notice_minutes" <= "refund_full_notice_minutes"
        AND "refund_full_notice_minutes" <= 525600
        AND "refund_partial_percent" BETWEEN 0 AND 100
    );
