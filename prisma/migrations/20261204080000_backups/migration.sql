-- Backups and point-in-time recovery (docs/decisions/020-postgresql-15-and-pgbackrest.md,
-- docs/decisions/021-backups-run-by-the-worker.md): a lease so that one worker at a time runs the
-- backup job, a record of every pgBackRest run, the last observed state of each repository, and
-- the throttle of the alerts sent to the operator.

-- A job that only one worker may run at a time holds its lease until `expires_at`; a worker that
-- dies loses it when it expires.
CREATE TABLE "job_lease" (
    "name"       VARCHAR(64) PRIMARY KEY,
    "holder"     VARCHAR(200) NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL
);

-- One pgBackRest command run by the backup job or `npm run backup:now`.
CREATE TABLE "backup_run" (
    "id"          BIGSERIAL PRIMARY KEY,
    "kind"        VARCHAR(16) NOT NULL CHECK ("kind" IN ('full', 'diff', 'incr', 'verify', 'expire', 'check')),
    "repo"        SMALLINT NOT NULL CHECK ("repo" BETWEEN 1 AND 4),
    "started_at"  TIMESTAMPTZ(6) NOT NULL,
    "finished_at" TIMESTAMPTZ(6),
    "ok"          BOOLEAN,
    "label"       VARCHAR(64),
    "error"       TEXT,
    "duration_ms" INTEGER
);
CREATE INDEX "backup_run_repo_kind_started_idx" ON "backup_run" ("repo", "kind", "started_at" DESC);

-- What the last check saw of each repository (pgbackrest info and pg_stat_archiver).
CREATE TABLE "backup_repo_status" (
    "repo"               SMALLINT PRIMARY KEY CHECK ("repo" BETWEEN 1 AND 4),
    "checked_at"         TIMESTAMPTZ(6) NOT NULL,
    "reachable"          BOOLEAN NOT NULL,
    "message"            TEXT NOT NULL,
    "last_full_at"       TIMESTAMPTZ(6),
    "last_diff_at"       TIMESTAMPTZ(6),
    "backup_count"       INTEGER NOT NULL DEFAULT 0,
    "oldest_backup_at"   TIMESTAMPTZ(6),
    "repo_size_bytes"    BIGINT,
    "newest_wal"         VARCHAR(64),
    "newest_wal_seen_at" TIMESTAMPTZ(6)
);

-- An alert to the operator (OPERATOR_EMAIL): one email per condition per throttle window.
CREATE TABLE "operator_alert" (
    "key"          VARCHAR(100) PRIMARY KEY,
    "summary"      TEXT NOT NULL,
    "raised_at"    TIMESTAMPTZ(6) NOT NULL,
    "last_sent_at" TIMESTAMPTZ(6) NOT NULL,
    "cleared_at"   TIMESTAMPTZ(6)
);
