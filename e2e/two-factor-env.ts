import { parseTwoFactorKey } from "../lib/auth/two-factor-secrets";

/**
 * TWO_FACTOR_KEY of the e2e server (playwright.config.ts passes it): a fixed test value so that
 * the helpers can read the TOTP secrets the server stores sealed (lib/auth/two-factor-secrets.ts)
 * — never a key of a real deployment.
 */
export const E2E_TWO_FACTOR_KEY = Buffer.alloc(32, "courtside-e2e-two-factor-key").toString(
  "base64",
);

export const e2eTwoFactorKeys = () => parseTwoFactorKey(E2E_TWO_FACTOR_KEY);
