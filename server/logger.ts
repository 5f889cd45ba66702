import "server-only";
import pino from "pino";

/** The one logger. Secrets and personal data are redacted wherever they may appear. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "courtside" },
  redact: {
    paths: [
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "token",
      "*.token",
      "secret",
      "*.secret",
      "req.headers.cookie",
      "req.headers.authorization",
    ],
    censor: "[redacted]",
  },
});
