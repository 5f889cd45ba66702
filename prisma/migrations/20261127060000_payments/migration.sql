-- Payments, gateway core (issue 7; docs/payments.md, docs/decisions/009-payments-gateway-core.md).
-- No card data is ever stored: the gateways (PayPal, Paybox) hold it; we keep references only.

CREATE TYPE "PaymentGateway" AS ENUM ('PAYPAL', 'PAYBOX');
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'PAID', 'FAILED', 'EXPIRED', 'REFUND_PENDING', 'REFUNDED', 'PARTIALLY_REFUNDED');
CREATE TYPE "RefundStatus" AS ENUM ('REQUESTED', 'PENDING', 'COMPLETED', 'FAILED', 'MANUAL');
CREATE TYPE "GatewayMode" AS ENUM ('SANDBOX', 'LIVE');

-- One attempt to pay for one booking. The amount is computed on the server (integer minor units)
-- and snapshotted with the price rule that produced it. Status changes only through
-- server/payments/transition-payment.ts (conditional UPDATE … WHERE status = expected).
CREATE TABLE "payment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "booking_id" UUID NOT NULL,
    "gateway" "PaymentGateway" NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'PENDING',
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "price_snapshot" JSONB NOT NULL,
    -- Unique per payment attempt; sent to PayPal as invoice_id and to Paybox as PBX_CMD.
    "reference" VARCHAR(64) NOT NULL,
    "paypal_order_id" VARCHAR(64),
    "paypal_capture_id" VARCHAR(64),
    "paybox_transaction" VARCHAR(32),
    "paybox_call_number" VARCHAR(32),
    "paybox_authorisation" VARCHAR(32),
    "refunded_amount" INTEGER NOT NULL DEFAULT 0,
    -- A reconciliation problem for the admin payments list (e.g. AMOUNT_MISMATCH, LATE_PAYMENT).
    "flag" VARCHAR(40),
    "flag_detail" VARCHAR(500),
    "hold_expires_at" TIMESTAMPTZ(6) NOT NULL,
    "paid_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payment_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_amount_positive" CHECK ("amount" > 0),
    CONSTRAINT "payment_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$'),
    CONSTRAINT "payment_refunded_within_amount" CHECK ("refunded_amount" >= 0 AND "refunded_amount" <= "amount")
);
CREATE UNIQUE INDEX "payment_reference_key" ON "payment"("reference");
CREATE UNIQUE INDEX "payment_paypal_order_id_key" ON "payment"("paypal_order_id");
CREATE UNIQUE INDEX "payment_paypal_capture_id_key" ON "payment"("paypal_capture_id");
CREATE INDEX "payment_club_id_created_at_idx" ON "payment"("club_id", "created_at");
CREATE INDEX "payment_booking_id_idx" ON "payment"("booking_id");
CREATE INDEX "payment_status_hold_expires_at_idx" ON "payment"("status", "hold_expires_at");
-- At most one open attempt per booking.
CREATE UNIQUE INDEX "payment_one_pending_per_booking" ON "payment"("booking_id") WHERE "status" = 'PENDING';
ALTER TABLE "payment" ADD CONSTRAINT "payment_club_id_fkey"
    FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "payment" ADD CONSTRAINT "payment_booking_id_fkey"
    FOREIGN KEY ("booking_id") REFERENCES "booking"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Every gateway message, stored raw with its verification result before it is processed.
-- event_id is set only once the signature is verified (a forged message cannot take the id of a
-- genuine one); (gateway, event_id) is unique, which makes processing idempotent.
CREATE TABLE "payment_event" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "gateway" "PaymentGateway" NOT NULL,
    "event_id" VARCHAR(200),
    "claimed_event_id" VARCHAR(200),
    "event_type" VARCHAR(80),
    "payment_id" UUID,
    "club_id" UUID,
    "raw_body" TEXT NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "verified" BOOLEAN NOT NULL,
    "verification_error" VARCHAR(300),
    "outcome" VARCHAR(80),
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMPTZ(6),
    CONSTRAINT "payment_event_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_event_id_only_when_verified" CHECK ("event_id" IS NULL OR "verified")
);
CREATE UNIQUE INDEX "payment_event_gateway_event_id_key" ON "payment_event"("gateway", "event_id");
CREATE INDEX "payment_event_payment_id_idx" ON "payment_event"("payment_id");
CREATE INDEX "payment_event_received_at_idx" ON "payment_event"("received_at");
ALTER TABLE "payment_event" ADD CONSTRAINT "payment_event_payment_id_fkey"
    FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "payment_event" ADD CONSTRAINT "payment_event_club_id_fkey"
    FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A refund of (part of) a payment. request_id is the gateway idempotency id (PayPal-Request-Id).
CREATE TABLE "refund" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "payment_id" UUID NOT NULL,
    "club_id" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "RefundStatus" NOT NULL DEFAULT 'REQUESTED',
    "reason" VARCHAR(200) NOT NULL,
    "request_id" VARCHAR(100) NOT NULL,
    "gateway_refund_id" VARCHAR(64),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(6),
    CONSTRAINT "refund_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "refund_amount_positive" CHECK ("amount" > 0),
    CONSTRAINT "refund_currency_iso" CHECK ("currency" ~ '^[A-Z]{3}$')
);
CREATE UNIQUE INDEX "refund_request_id_key" ON "refund"("request_id");
CREATE UNIQUE INDEX "refund_gateway_refund_id_key" ON "refund"("gateway_refund_id");
CREATE INDEX "refund_payment_id_idx" ON "refund"("payment_id");
CREATE INDEX "refund_club_id_status_idx" ON "refund"("club_id", "status");
ALTER TABLE "refund" ADD CONSTRAINT "refund_payment_id_fkey"
    FOREIGN KEY ("payment_id") REFERENCES "payment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "refund" ADD CONSTRAINT "refund_club_id_fkey"
    FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A club's configuration of one gateway. `settings` holds non-secret values (PayPal client id and
-- webhook id, Paybox site/rang/identifiant, sandbox base URLs, Paybox public key);
-- `credentials_ciphertext` holds the secrets (PayPal client secret, Paybox HMAC key) encrypted
-- with AES-256-GCM under PAYMENT_CREDENTIALS_KEY (lib/payments/credentials-cipher.ts).
CREATE TABLE "payment_gateway_config" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "club_id" UUID NOT NULL,
    "gateway" "PaymentGateway" NOT NULL,
    "mode" "GatewayMode" NOT NULL DEFAULT 'SANDBOX',
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "credentials_ciphertext" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "payment_gateway_config_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "payment_gateway_config_encrypted" CHECK ("credentials_ciphertext" LIKE 'v1.%')
);
CREATE UNIQUE INDEX "payment_gateway_config_club_id_gateway_key" ON "payment_gateway_config"("club_id", "gateway");
ALTER TABLE "payment_gateway_config" ADD CONSTRAINT "payment_gateway_config_club_id_fkey"
    FOREIGN KEY ("club_id") REFERENCES "club"("id") ON DELETE CASCADE ON UPDATE CASCADE;
