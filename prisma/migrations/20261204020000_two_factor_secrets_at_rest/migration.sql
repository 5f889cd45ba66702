-- Two-factor secrets at rest (docs/decisions/015-secrets-at-rest-and-client-address.md).
-- TOTP secrets become AES-256-GCM ciphertexts (`v1.<iv>.<tag>.<ct>`, ~86 characters) and recovery
-- codes keyed hashes (`h1:<base64url>`, 46 characters). SQL has no key: rows written before are
-- kept and upgraded by the app on first use (server/auth/totp.ts).
ALTER TABLE "app_user" ALTER COLUMN "totp_secret" TYPE VARCHAR(128);
ALTER TABLE "recovery_code" ALTER COLUMN "code_hash" TYPE VARCHAR(64);
ALTER TABLE "recovery_code" DROP CONSTRAINT "recovery_code_hash_format";
ALTER TABLE "recovery_code" ADD CONSTRAINT "recovery_code_hash_format"
    CHECK ("code_hash" ~ '^h1:[A-Za-z0-9_-]{43}$' OR "code_hash" ~ '^[0-9a-f]{64}$');
