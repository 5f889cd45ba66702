import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/server/env";

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  // Created on first use, not at import: `next build` imports route modules without a database.
  // Kept on globalThis so that dev hot reload does not open a new pool on every edit.
  globalForPrisma.prisma ??= new PrismaClient({
    adapter: new PrismaPg({ connectionString: env().DATABASE_URL }),
  });
  return globalForPrisma.prisma;
}

/** The one Prisma client of this process. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value: unknown = Reflect.get(c, prop);
    return typeof value === "function" ? value.bind(c) : value;
  },
});
