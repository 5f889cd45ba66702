import type { Algorithm } from "@node-rs/argon2";

/**
 * The password hashing parameters: argon2id with at least 19 MiB, 2 iterations, parallelism 1
 * (OWASP's minimum). Raising these re-hashes each password transparently at its owner's next
 * sign-in (server/auth/passwords.ts). A pure module, so that the seed, the bench and the tests
 * hash their users' passwords exactly as the app does without loading server-only code.
 */
// `Algorithm` is an ambient const enum: 2 is Argon2id.
export const ARGON2_PARAMS = {
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;
