-- Transactional email: outbox, dev mailbox, unsubscribes and anti-bombing throttle.
-- See docs/decisions/006-email-outbox.md and docs/email.md.

-- Life cycle of an outbox row:
--   PENDING -> CLAIMED (a worker holds a lease, nothing sent yet)
--           -> SENDING (committed just before the SMTP transaction starts)
--           -> SENT | PENDING (retry later) | FAILED (gave up) | UNCERTAIN (worker died while
--              sending: SMTP may have accepted it, so it is never sent again automatically)
--   SUPPRESSED: an optional category the recipient unsubscribed from.
CREATE TYPE "EmailStatus" AS ENUM ('PENDING', 'CLAIMED', 'SENDING', 'SENT', 'FAILED', 'UNCERTAIN', 'SUPPRESSED');

CREATE TABLE "email_outbox" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "message_id" VARCHAR(255) NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "template" VARCHAR(64) NOT NULL,
    "locale" VARCHAR(10) NOT NULL,
    "club_id" UUID,
    "user_id" UUID,
    "to_address" CITEXT NOT NULL,
    "subject" VARCHAR(998) NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "status" "EmailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "lease_until" TIMESTAMPTZ(6),
    "lease_owner" VARCHAR(100),
    "last_error" VARCHAR(2000),
    "smtp_response" VARCHAR(1000),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "sent_at" TIMESTAMPTZ(6),
    CONSTRAINT "email_outbox_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "email_outbox_category_known" CHECK (
        "category" IN ('security', 'account', 'booking', 'payment', 'reminders', 'waiting_list', 'club_news')
    ),
    CONSTRAINT "email_outbox_to_format" CHECK ("to_address" ~ '^[^@\s]+@[^@\s]+$' AND length("to_address") <= 254),
    CONSTRAINT "email_outbox_attempts_range" CHECK ("attempts" >= 0),
    CONSTRAINT "email_outbox_lease_shape" CHECK (
        ("status" IN ('CLAIMED', 'SENDING')) = ("lease_until" IS NOT NULL AND "lease_owner" IS NOT NULL)
    ),
    CONSTRAINT "email_outbox_sent_shape" CHECK (("status" = 'SENT') = ("sent_at" IS NOT NULL))
);
CREATE UNIQUE INDEX "email_outbox_message_id_key" ON "email_outbox"("message_id");
CREATE INDEX "email_outbox_status_next_attempt_at_idx" ON "email_outbox"("status", "next_attempt_at");
CREATE INDEX "email_outbox_to_address_created_at_idx" ON "email_outbox"("to_address", "created_at");

-- Local mailbox used instead of SMTP when SMTP_URL is unset (development, embedded default).
CREATE TABLE "dev_mailbox_message" (
    "id" BIGSERIAL NOT NULL,
    "outbox_id" UUID,
    "message_id" VARCHAR(255) NOT NULL,
    "to_address" CITEXT NOT NULL,
    "subject" VARCHAR(998) NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "dev_mailbox_message_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "dev_mailbox_message_message_id_key" ON "dev_mailbox_message"("message_id");
CREATE INDEX "dev_mailbox_message_received_at_idx" ON "dev_mailbox_message"("received_at");

-- Recipients who unsubscribed from an optional category (by address: recipients need no account).
CREATE TABLE "email_unsubscribe" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "address" CITEXT NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "email_unsubscribe_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "email_unsubscribe_category_optional" CHECK ("category" IN ('reminders', 'waiting_list', 'club_news'))
);
CREATE UNIQUE INDEX "email_unsubscribe_address_category_key" ON "email_unsubscribe"("address", "category");

-- One row per stranger-triggerable email that the throttle allowed (server/mail/throttle-email.ts).
CREATE TABLE "email_throttle_hit" (
    "id" BIGSERIAL NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "recipient" CITEXT NOT NULL,
    "ip" VARCHAR(45),
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    CONSTRAINT "email_throttle_hit_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "email_throttle_hit_recipient_at_idx" ON "email_throttle_hit"("recipient", "at");
CREATE INDEX "email_throttle_hit_ip_at_idx" ON "email_throttle_hit"("ip", "at");
