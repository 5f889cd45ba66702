-- Least-privilege database roles (issue 14 §1, docs/decisions/022-database-roles.md):
--   courtside_owner owns the schema and every object in it; migrations run as it.
--   courtside_app, used by the web server and the worker, has DML on the tables only: no DDL, no
--   TRUNCATE, no ownership, INSERT and SELECT only on audit_event (so it can neither rewrite the
--   audit log nor disable its trigger), SELECT only on _prisma_migrations.
-- Both are created NOLOGIN; LOGIN and a password are given by the launcher (embedded database) or
-- the operator (docs/operations.md "Database roles"). Idempotent: roles are shared by the
-- databases of a cluster, and re-running the grants changes nothing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'courtside_owner') THEN
        CREATE ROLE courtside_owner NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'courtside_app') THEN
        CREATE ROLE courtside_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
END $$;

-- Everything the earlier migrations created becomes the owner's.
DO $$
DECLARE r record;
BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('ALTER TABLE public.%I OWNER TO courtside_owner', r.tablename);
    END LOOP;
    FOR r IN SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
             WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd')
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER TYPE public.%I OWNER TO courtside_owner', r.typname);
    END LOOP;
    FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public'
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO courtside_owner', r.f);
    END LOOP;
END $$;
ALTER SCHEMA public OWNER TO courtside_owner;

-- Nobody else creates anything in the schema or connects to this database.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
BEGIN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO courtside_owner, courtside_app', current_database());
END $$;

-- The app: data, not structure.
GRANT USAGE ON SCHEMA public TO courtside_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO courtside_app;
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_event" FROM courtside_app;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM courtside_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO courtside_app;
-- What later migrations create (as courtside_owner) follows the same rule.
ALTER DEFAULT PRIVILEGES FOR ROLE courtside_owner IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO courtside_app;
ALTER DEFAULT PRIVILEGES FOR ROLE courtside_owner IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO courtside_app;
