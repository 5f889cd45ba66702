import "server-only";
import { STAFF_ROLES } from "@/lib/auth/capabilities";
import { db } from "@/server/db";
import { requireUser } from "@/server/auth/require-user";
import { describeUserAgent } from "@/server/auth/security-email";

export type AccountOverview = {
  name: string;
  email: string;
  emailVerified: boolean;
  totpEnabled: boolean;
  staffRole: boolean;
  signIns: Array<{
    id: string;
    at: Date;
    method: string;
    device: string;
    ip: string | null;
    current: boolean;
    active: boolean;
  }>;
  failedAttempts: Array<{ at: Date; ip: string | null }>;
};

/** The account page: profile, security state, the last 10 sign-ins and recent failed attempts. */
export async function getAccountOverview(): Promise<AccountOverview> {
  const me = await requireUser({ next: "/account" });
  const now = new Date();
  const user = await db.user.findUniqueOrThrow({
    where: { id: me.userId },
    select: {
      name: true,
      email: true,
      emailVerifiedAt: true,
      totpEnabledAt: true,
      sessionVersion: true,
      memberships: {
        where: { status: "ACTIVE", role: { in: [...STAFF_ROLES] } },
        select: { id: true },
        take: 1,
      },
      sessions: {
        orderBy: { createdAt: "desc" },
        take: 10,
        select: {
          id: true,
          createdAt: true,
          method: true,
          userAgent: true,
          ip: true,
          endedAt: true,
          expiresAt: true,
          sessionVersion: true,
          lastSeenAt: true,
          idleTimeoutSeconds: true,
        },
      },
    },
  });
  const failures = await db.auditEvent.findMany({
    where: {
      action: "auth.login.failed",
      targetType: "user",
      targetId: me.userId,
      at: { gt: new Date(now.getTime() - 30 * 86_400_000) },
    },
    orderBy: { at: "desc" },
    take: 10,
    select: { at: true, ip: true },
  });
  return {
    name: user.name,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    totpEnabled: user.totpEnabledAt !== null,
    staffRole: user.memberships.length > 0,
    signIns: user.sessions.map((s) => ({
      id: s.id,
      at: s.createdAt,
      method: s.method,
      device: describeUserAgent(s.userAgent),
      ip: s.ip,
      current: s.id === me.sessionId,
      active:
        s.endedAt === null &&
        s.sessionVersion === user.sessionVersion &&
        s.expiresAt > now &&
        now.getTime() - s.lastSeenAt.getTime() < s.idleTimeoutSeconds * 1000,
    })),
    failedAttempts: failures,
  };
}
