-- Courtside on your own PostgreSQL 15 server: run once, as the superuser, before the first
-- `npm run db:migrate` (docs/operations.md "Database roles"). With the two passwords in
-- variables of your shell (never on a command line others can read in ps or a history file):
--   sudo -u postgres psql -v ON_ERROR_STOP=1 -v owner_password="$OWNER_PW" \
--     -v app_password="$APP_PW" -f deploy/postgresql/courtside-bootstrap.sql
-- The first migration creates the extensions citext and btree_gist, both trusted in PostgreSQL 15:
-- the database's owner creates them, no superuser step. test/integration/migrate-as-owner.test.ts
-- runs this file and then every migration as courtside_owner on a fresh cluster.
SET password_encryption = 'scram-sha-256';
-- Owns the schema and runs the migrations (MIGRATION_DATABASE_URL). INHERIT: as the database's
-- owner it holds the schema public through pg_database_owner (PostgreSQL 15), whose privileges a
-- NOINHERIT role would not get ("permission denied for schema public" in the first migration).
CREATE ROLE courtside_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD :'owner_password';
-- The web server and the worker (DATABASE_URL): data only, granted by the migrations.
CREATE ROLE courtside_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD :'app_password';
-- pgBackRest (BACKUP_PG_USER): no superuser, only what a backup needs (scripts/db/roles.ts
-- BACKUP_ROLE_GRANTS). Peer authentication through the socket, mapped from the OS user postgres
-- in pg_ident.conf (docs/operations.md "Database roles"): no password.
CREATE ROLE courtside_backup LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
GRANT pg_read_all_settings, pg_checkpoint, pg_read_all_data TO courtside_backup;
GRANT EXECUTE ON FUNCTION pg_backup_start(text, boolean) TO courtside_backup;
GRANT EXECUTE ON FUNCTION pg_backup_stop(boolean) TO courtside_backup;
GRANT EXECUTE ON FUNCTION pg_switch_wal() TO courtside_backup;
GRANT EXECUTE ON FUNCTION pg_create_restore_point(text) TO courtside_backup;
GRANT CONNECT ON DATABASE postgres TO courtside_backup;
CREATE DATABASE courtside OWNER courtside_owner ENCODING 'UTF8' TEMPLATE template0;
