/**
 * Retry schedule of the delivery worker: exponential backoff from 30 s, doubling up to one hour,
 * with ±20 % jitter so that a recovering SMTP server is not hit by every message at once.
 * With MAX_DELIVERY_ATTEMPTS = 15 a message keeps being retried for about 9 hours.
 */
export const MAX_DELIVERY_ATTEMPTS = 15;
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 60 * 60_000;

/** Delay before the next attempt after `attempt` failed attempts (1 = the first failure). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const raw = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(n - 1, 30));
  const jitter = 0.8 + 0.4 * random();
  return Math.round(raw * jitter);
}
