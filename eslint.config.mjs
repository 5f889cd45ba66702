import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "generated/**",
    "node_modules/**",
    ".data/**",
    ".tmp/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  {
    // app/ and components/ never talk to the database directly (docs/architecture.md).
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/generated/*", "**/generated/prisma/*", "@prisma/*"],
              message: "Data access lives in server/.",
            },
            {
              group: ["@/server/db", "@/server/db.ts"],
              message: "Call a use case in server/, not the client.",
            },
          ],
        },
      ],
    },
  },
]);
