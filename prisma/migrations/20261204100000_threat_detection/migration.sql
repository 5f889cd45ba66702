-- Threat detection (issue 14 §2-3, docs/decisions/023-threat-detection.md).
-- Runs as courtside_owner: the default privileges of 20261204090000_database_roles give the app role
-- DML on the new tables; what it must not do is revoked below.

-- A security signal that no other table records: an injection or scanning probe seen at the
-- boundary, a finding of the database server's log (a connection, a refused authentication, an
-- error the application never causes). Evidence never holds a secret.
CREATE TABLE "security_signal" (
    "id" BIGSERIAL PRIMARY KEY,
    "at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
    "kind" VARCHAR(40) NOT NULL,
    "source" VARCHAR(160) NOT NULL,
    "club_id" UUID,
    "route" VARCHAR(200),
    "evidence" JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX "security_signal_at_idx" ON "security_signal" ("at");
CREATE INDEX "security_signal_kind_source_at_idx" ON "security_signal" ("kind", "source", "at");

-- One alert per detector and source while it lasts: its count grows, its emails are throttled
-- (one when it starts, then at most a digest every 15 minutes). Club-scoped alerts have a club;
-- deployment-scoped ones do not.
CREATE TABLE "security_alert" (
    "id" UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    "kind" VARCHAR(60) NOT NULL,
    "severity" VARCHAR(10) NOT NULL CHECK ("severity" IN ('low', 'medium', 'high', 'critical')),
    "club_id" UUID REFERENCES "club" ("id") ON DELETE CASCADE,
    "source" VARCHAR(160) NOT NULL,
    "summary" VARCHAR(400) NOT NULL,
    "first_seen" TIMESTAMPTZ(6) NOT NULL,
    "last_seen" TIMESTAMPTZ(6) NOT NULL,
    "count" INTEGER NOT NULL CHECK ("count" > 0),
    "evidence" JSONB NOT NULL DEFAULT '{}',
    "emails_sent" INTEGER NOT NULL DEFAULT 0,
    "emailed_count" INTEGER NOT NULL DEFAULT 0,
    "first_email_at" TIMESTAMPTZ(6),
    "last_email_at" TIMESTAMPTZ(6),
    "closed_at" TIMESTAMPTZ(6),
    "acknowledged_at" TIMESTAMPTZ(6),
    "acknowledged_by" UUID REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "acknowledgement_note" VARCHAR(1000),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);
-- At most one open alert per detector, source and scope: concurrent passes cannot double-report.
CREATE UNIQUE INDEX "security_alert_open_key" ON "security_alert"
    ("kind", "source", COALESCE("club_id", '00000000-0000-0000-0000-000000000000'::uuid))
    WHERE "closed_at" IS NULL;
CREATE INDEX "security_alert_club_idx" ON "security_alert" ("club_id", "last_seen" DESC);
CREATE INDEX "security_alert_last_seen_idx" ON "security_alert" ("last_seen" DESC);

-- Where the reader of the database server's log stopped (one row per log directory).
CREATE TABLE "security_log_cursor" (
    "log_dir" VARCHAR(500) PRIMARY KEY,
    "file" VARCHAR(200) NOT NULL,
    "offset" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now()
);

-- Signals are evidence: the app adds them and the retention purge removes old ones, nobody edits.
REVOKE UPDATE ON "security_signal" FROM courtside_app;
