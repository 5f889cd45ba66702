/**
 * The role matrix (ADR 002): every route handler, every server action and every page of the
 * account and admin areas is found by scanning app/, and each must be declared below with the
 * access it requires. A new route or action without a declaration fails this test; a declared
 * one is then called as anonymous, player, staff, manager of another club, manager and owner of
 * this club, and must allow or deny exactly as its declaration says (denials carry no data: a
 * redirect to sign in, a 404, or a refusal). A club route declares the capability it needs; the
 * least role expected is read from the capability table (lib/auth/capabilities.ts), the one the
 * code and the admin navigation read. Every server action also refuses a cross-site call.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { ADMIN_SECTIONS } from "@/components/admin/admin-nav";
import { CAPABILITIES, roleAtLeast, type Capability, type Role } from "@/lib/auth/capabilities";
import { IDLE } from "@/lib/form-state";
import { db } from "@/server/db";
import { AppError } from "@/server/errors";
import { createClub } from "../helpers/builders";
import { addMembership, as, createAccount } from "../helpers/auth";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

const ROOT = path.resolve(import.meta.dirname, "../..");

type Access =
  /** Anyone, with the reason it is safe (token, signature, read-only, next-auth's own CSRF…). */
  | { kind: "public"; why: string }
  /** Any signed-in user (their own account). */
  | { kind: "user" }
  /**
   * A signed-in user's own record named in the URL (their booking's checkout, their payment):
   * anonymous → sign-in; anyone else → 404, whoever they are (nothing leaks). The owner's access is
   * proved by the test named in `proof`.
   */
  | { kind: "own"; proof: string }
  /**
   * This capability in the club of the URL (lib/auth/capabilities.ts): its least role, with 2FA
   * when the table says so.
   */
  | { kind: "club"; capability: Capability };

/** Route handlers (by file). */
const ROUTE_HANDLERS: Record<string, Access> = {
  "app/api/auth/[...nextauth]/route.ts": {
    kind: "public",
    why: "next-auth's endpoints; its double-submit CSRF token guards POSTs",
  },
  "app/api/health/route.ts": { kind: "public", why: "read-only readiness probe" },
  "app/api/health/live/route.ts": { kind: "public", why: "read-only liveness probe" },
  "app/api/csp-report/route.ts": {
    kind: "public",
    why: "browsers post CSP reports without credentials; stored, size-limited",
  },
  "app/api/unsubscribe/[token]/route.ts": {
    kind: "public",
    why: "RFC 8058 one-click: authorised by the signed token in the URL",
  },
  "app/dev/mailbox.json/route.ts": { kind: "public", why: "development only; 404 in production" },
  // Payment gateways (ADR 011, 012): anonymous by nature, authenticated by the gateway's signature;
  // test/integration/payments-*.test.ts prove tampered messages are refused and stored.
  "app/api/webhooks/paypal/route.ts": {
    kind: "public",
    why: "signature-verified: PayPal SHA256withRSA over the raw body, cert from PayPal hosts only",
  },
  "app/api/webhooks/paybox/route.ts": {
    kind: "public",
    why: "signature-verified: Paybox RSA-SHA1 over the raw parameters",
  },
  // Booking API (ADR 007, 008): membership of the club is checked by each use case (404 for others);
  // test/integration/booking-api.test.ts proves 401 / 403 (cross-site) / 404 for each.
  "app/api/c/[club]/availability/route.ts": {
    kind: "public",
    why: "read-only grid; anonymous callers see 'Sign in to book'",
  },
  "app/api/c/[club]/bookings/route.ts": { kind: "user" },
  "app/api/c/[club]/bookings/[id]/route.ts": { kind: "user" },
  "app/api/c/[club]/members/route.ts": { kind: "user" },
  "app/api/me/bookings/route.ts": { kind: "user" },
  // CSV exports (ADR 009): managers and owners of the club of the URL; called below as
  // every actor ("the CSV exports") and in test/integration/admin-reports.test.ts.
  "app/c/[club]/admin/exports/bookings.csv/route.ts": { kind: "club", capability: "exportData" },
  "app/c/[club]/admin/exports/members.csv/route.ts": { kind: "club", capability: "exportData" },
  // Calendar and waiting list (ADR 007, 008): the booking's players / the entry's owner only (404 for
  // anyone else, proved in calendar-feed.test.ts and waitlist.test.ts).
  "app/api/c/[club]/bookings/[id]/ics/route.ts": { kind: "user" },
  "app/api/c/[club]/waitlist/route.ts": { kind: "user" },
  "app/api/c/[club]/waitlist/[id]/route.ts": { kind: "user" },
  "app/api/me/calendar-feed/route.ts": { kind: "user" },
  "app/api/calendar/[token]/route.ts": {
    kind: "public",
    why: "authorised by the secret, revocable feed token in the URL (only its hash is stored)",
  },
  // PayPal checkout (ADR 011, 012): the payment's booker only (404 for anyone else), proved in
  // test/integration/payments-paypal-routes.test.ts with 401 / 403 cross-site / 404.
  "app/api/payments/[paymentId]/paypal/order/route.ts": { kind: "user" },
  "app/api/payments/[paymentId]/paypal/capture/route.ts": { kind: "user" },
  // Payment status poll (ADR 011, 012): the payment's booker only (404 for anyone else, 401 signed
  // out), proved in test/integration/payment-status-route.test.ts.
  "app/api/payments/[paymentId]/status/route.ts": { kind: "user" },
};

/** Server actions (by file#export). */
const SERVER_ACTIONS: Record<string, Access> = {
  "app/(auth)/actions.ts#loginAction": { kind: "public", why: "signs in" },
  "app/(auth)/actions.ts#twoFactorAction": {
    kind: "public",
    why: "second sign-in step, bound to its pending-sign-in cookie",
  },
  "app/(auth)/actions.ts#registerAction": {
    kind: "public",
    why: "creates an account; throttled, honeypot",
  },
  "app/(auth)/actions.ts#forgotPasswordAction": {
    kind: "public",
    why: "same answer for every address; throttled",
  },
  "app/(auth)/actions.ts#resetPasswordAction": {
    kind: "public",
    why: "authorised by a single-use emailed token",
  },
  "app/(auth)/actions.ts#verifyEmailAction": {
    kind: "public",
    why: "authorised by a single-use emailed token",
  },
  "app/(auth)/actions.ts#unlockAction": {
    kind: "public",
    why: "authorised by a single-use emailed token",
  },
  "app/(auth)/actions.ts#confirmEmailChangeAction": {
    kind: "public",
    why: "authorised by a single-use emailed token",
  },
  "app/(auth)/actions.ts#restartLoginAction": {
    kind: "public",
    why: "only clears the pending-sign-in cookie",
  },
  "app/account/actions.ts#changePasswordAction": { kind: "user" },
  "app/account/actions.ts#changeEmailAction": { kind: "user" },
  "app/account/actions.ts#resendVerificationAction": { kind: "user" },
  "app/account/actions.ts#confirmTotpAction": { kind: "user" },
  "app/account/actions.ts#disableTotpAction": { kind: "user" },
  "app/account/actions.ts#logOutAction": {
    kind: "public",
    why: "ends the caller's own session, if any",
  },
  "app/account/actions.ts#logOutEverywhereAction": { kind: "user" },
  // Player booking (ADR 007, 008): any signed-in user; the use cases answer 404 to non-members of the
  // club and decide who may cancel (the booker) or leave (the entry's owner).
  "app/c/[club]/book/actions.ts#bookAction": { kind: "user" },
  "app/c/[club]/book/actions.ts#joinWaitlistAction": { kind: "user" },
  "app/c/[club]/bookings/actions.ts#cancelBookingAction": { kind: "user" },
  "app/c/[club]/bookings/actions.ts#leaveWaitlistAction": { kind: "user" },
  "app/c/[club]/bookings/actions.ts#rotateCalendarFeedAction": { kind: "user" },
  "app/c/[club]/bookings/actions.ts#revokeCalendarFeedAction": { kind: "user" },
  // Club setup (ADR 010: courts, hours, tiers and rules, prices, settings): managers only; the
  // club comes from the form and every id is scoped by it (test/integration/admin-club-setup*.test.ts).
  "app/c/[club]/admin/courts/actions.ts#createCourtAction": {
    kind: "club",
    capability: "manageCourts",
  },
  "app/c/[club]/admin/courts/actions.ts#updateCourtAction": {
    kind: "club",
    capability: "manageCourts",
  },
  "app/c/[club]/admin/courts/actions.ts#moveCourtAction": {
    kind: "club",
    capability: "manageCourts",
  },
  "app/c/[club]/admin/courts/actions.ts#setCourtActiveAction": {
    kind: "club",
    capability: "manageCourts",
  },
  "app/c/[club]/admin/courts/actions.ts#deleteCourtAction": {
    kind: "club",
    capability: "manageCourts",
  },
  "app/c/[club]/admin/hours/actions.ts#setClubHoursAction": {
    kind: "club",
    capability: "manageHours",
  },
  "app/c/[club]/admin/hours/actions.ts#setCourtHoursAction": {
    kind: "club",
    capability: "manageHours",
  },
  "app/c/[club]/admin/hours/actions.ts#addClosureAction": {
    kind: "club",
    capability: "manageHours",
  },
  "app/c/[club]/admin/hours/actions.ts#removeClosureAction": {
    kind: "club",
    capability: "manageHours",
  },
  "app/c/[club]/admin/tiers/actions.ts#createTierAction": {
    kind: "club",
    capability: "manageTiers",
  },
  "app/c/[club]/admin/tiers/actions.ts#updateTierAction": {
    kind: "club",
    capability: "manageTiers",
  },
  "app/c/[club]/admin/tiers/actions.ts#setSportRulesAction": {
    kind: "club",
    capability: "manageTiers",
  },
  "app/c/[club]/admin/tiers/actions.ts#addPeakBandAction": {
    kind: "club",
    capability: "manageTiers",
  },
  "app/c/[club]/admin/tiers/actions.ts#removePeakBandAction": {
    kind: "club",
    capability: "manageTiers",
  },
  "app/c/[club]/admin/prices/actions.ts#createPriceRuleAction": {
    kind: "club",
    capability: "managePrices",
  },
  "app/c/[club]/admin/prices/actions.ts#deletePriceRuleAction": {
    kind: "club",
    capability: "managePrices",
  },
  "app/c/[club]/admin/settings/actions.ts#updateClubSettingsAction": {
    kind: "club",
    capability: "manageSettings",
  },
  // Blocks and bookings of the admin area (ADR 010): STAFF and above; the club
  // comes from the form and every id is scoped by it (test/integration/admin-blocks*.test.ts,
  // admin-bookings*.test.ts).
  "app/c/[club]/admin/blocks/actions.ts#createBlockAction": {
    kind: "club",
    capability: "manageBlocks",
  },
  "app/c/[club]/admin/blocks/actions.ts#deleteBlockAction": {
    kind: "club",
    capability: "manageBlocks",
  },
  "app/c/[club]/admin/bookings/actions.ts#createStaffBookingAction": {
    kind: "club",
    capability: "bookForMember",
  },
  "app/c/[club]/admin/bookings/actions.ts#cancelMemberBookingAction": {
    kind: "club",
    capability: "cancelForMember",
  },
  // Members (ADR 009): managers and owners; the club comes from the form and every id is
  // scoped by it; only owners touch the owner role (test/integration/admin-members.test.ts).
  "app/c/[club]/admin/members/actions.ts#inviteMemberAction": {
    kind: "club",
    capability: "manageMembers",
  },
  "app/c/[club]/admin/members/actions.ts#updateMembershipAction": {
    kind: "club",
    capability: "manageMembers",
  },
  "app/c/[club]/admin/members/actions.ts#deactivateMembershipAction": {
    kind: "club",
    capability: "manageMembers",
  },
  "app/c/[club]/admin/members/actions.ts#revokeInvitationAction": {
    kind: "club",
    capability: "manageMembers",
  },
  "app/c/[club]/admin/members/actions.ts#previewImportAction": {
    kind: "club",
    capability: "manageMembers",
  },
  "app/c/[club]/admin/members/actions.ts#confirmImportAction": {
    kind: "club",
    capability: "manageMembers",
  },
  // Payments of the admin area (ADR 011, 012): managers refund, record manual refunds
  // and retry refused ones; the club comes from the form and every id is scoped by it
  // (test/integration/admin-payments.test.ts). Gateways: the owner only; refund policy: managers
  // (test/integration/admin-gateway-settings.test.ts).
  "app/c/[club]/admin/payments/actions.ts#refundPaymentAction": {
    kind: "club",
    capability: "refundPayments",
  },
  "app/c/[club]/admin/payments/actions.ts#markRefundManualAction": {
    kind: "club",
    capability: "refundPayments",
  },
  "app/c/[club]/admin/payments/actions.ts#retryRefundAction": {
    kind: "club",
    capability: "refundPayments",
  },
  "app/c/[club]/admin/settings/payments/actions.ts#savePaypalSettingsAction": {
    kind: "club",
    capability: "configureGateways",
  },
  "app/c/[club]/admin/settings/payments/actions.ts#savePayboxSettingsAction": {
    kind: "club",
    capability: "configureGateways",
  },
  "app/c/[club]/admin/settings/payments/actions.ts#saveRefundPolicyAction": {
    kind: "club",
    capability: "configureRefundPolicy",
  },
  // Security alerts: the club comes from the form and the alert id is scoped by it
  // (test/integration/security-alerts-admin.test.ts).
  "app/c/[club]/admin/security/actions.ts#acknowledgeSecurityAlertAction": {
    kind: "club",
    capability: "acknowledgeSecurityAlerts",
  },
  // Accepting an invitation: a signed-in user with the invited address, or a new account.
  "app/(auth)/invite/actions.ts#acceptInvitationAction": { kind: "user" },
  "app/(auth)/invite/actions.ts#registerFromInvitationAction": {
    kind: "public",
    why: "authorised by the single-use emailed invitation token; creates only that address",
  },
  "app/email-preferences/[token]/actions.ts#saveEmailPreferences": {
    kind: "public",
    why: "authorised by the signed token",
  },
};

/** Pages that need a user or a club role (the admin area and the account pages). */
const PROTECTED_PAGES: Record<string, Access> = {
  "app/account/page.tsx": { kind: "user" },
  "app/account/two-factor/page.tsx": { kind: "user" },
  "app/c/[club]/admin/page.tsx": { kind: "club", capability: "viewDashboard" },
  "app/c/[club]/admin/blocks/page.tsx": { kind: "club", capability: "manageBlocks" },
  "app/c/[club]/admin/bookings/page.tsx": { kind: "club", capability: "viewBookings" },
  "app/c/[club]/admin/courts/page.tsx": { kind: "club", capability: "manageCourts" },
  "app/c/[club]/admin/hours/page.tsx": { kind: "club", capability: "manageHours" },
  "app/c/[club]/admin/tiers/page.tsx": { kind: "club", capability: "manageTiers" },
  "app/c/[club]/admin/prices/page.tsx": { kind: "club", capability: "managePrices" },
  "app/c/[club]/admin/settings/page.tsx": { kind: "club", capability: "manageSettings" },
  "app/c/[club]/admin/members/page.tsx": { kind: "club", capability: "manageMembers" },
  "app/c/[club]/admin/exports/page.tsx": { kind: "club", capability: "exportData" },
  "app/c/[club]/admin/statistics/page.tsx": { kind: "club", capability: "viewStatistics" },
  "app/c/[club]/admin/audit/page.tsx": { kind: "club", capability: "viewAuditLog" },
  // Security alerts (threat detection): managers see the club's own and acknowledge them
  // (test/integration/security-alerts-admin.test.ts).
  "app/c/[club]/admin/security/page.tsx": { kind: "club", capability: "viewSecurityAlerts" },
  // Payments list: staff look (like bookings), managers act; payment settings: managers look,
  // only the owner changes gateways (the actions above).
  "app/c/[club]/admin/payments/page.tsx": { kind: "club", capability: "viewPayments" },
  "app/c/[club]/admin/settings/payments/page.tsx": {
    kind: "club",
    capability: "viewPaymentSettings",
  },
  // The player's booking page and "My bookings": signed-in users (a non-member sees why they
  // cannot book, and only their own bookings).
  "app/account/bookings/page.tsx": { kind: "user" },
  "app/c/[club]/book/page.tsx": { kind: "user" },
  "app/c/[club]/bookings/page.tsx": { kind: "user" },
  // The checkout and the payment status page: the booking's booker only.
  "app/c/[club]/bookings/[id]/pay/page.tsx": {
    kind: "own",
    proof: "test/integration/checkout-page.test.ts and e2e/payments-*.spec.ts",
  },
  "app/c/[club]/payments/[paymentId]/page.tsx": {
    kind: "own",
    proof: "test/integration/payment-status-route.test.ts and e2e/payments-*.spec.ts",
  },
};
const PROTECTED_PAGE_DIRS = [
  "app/account",
  "app/c/[club]/admin",
  "app/c/[club]/book",
  "app/c/[club]/bookings",
];

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    return statSync(path.join(ROOT, rel)).isDirectory() ? walk(rel) : [rel];
  });
}

const appFiles = walk("app");
const routeFiles = appFiles.filter((f) => /\/route\.tsx?$/.test(f));
const actionFiles = appFiles.filter(
  (f) =>
    /\.(ts|tsx)$/.test(f) &&
    /^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(
      readFileSync(path.join(ROOT, f), "utf8"),
    ),
);
const pageFiles = appFiles.filter(
  (f) => /\/page\.tsx$/.test(f) && PROTECTED_PAGE_DIRS.some((d) => f.startsWith(`${d}/`)),
);

type Verdict = "allowed" | "sign-in" | "not-found" | "enrol-2fa" | "refused";

async function verdictOf(run: () => Promise<unknown>): Promise<Verdict> {
  try {
    const result = await run();
    if (result instanceof Response) {
      if (result.status === 401) return "sign-in";
      if (result.status === 403) return "refused";
      if (result.status === 404) return "not-found";
    }
    return "allowed";
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) {
      // digest: NEXT_REDIRECT;<type>;<url>;<status>;
      const url = digest.split(";").slice(2, -2).join(";");
      if (url.startsWith("/login?next=")) return "sign-in";
      if (url.startsWith("/account/two-factor")) return "enrol-2fa";
      return "allowed";
    }
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404"))
      return "not-found";
    if (err instanceof AppError && (err.code === "FORBIDDEN" || err.code === "UNAUTHENTICATED"))
      return "refused";
    // Anything else (invalid input, a conflict…) happened after the authorization check passed.
    return "allowed";
  }
}

type Actor = "anonymous" | "player" | "staff" | "managerOfOtherClub" | "manager" | "owner";
const ACTORS: Actor[] = ["anonymous", "player", "staff", "managerOfOtherClub", "manager", "owner"];

/** The role each signed-in actor holds in the club of the URL (none: a manager elsewhere). */
const ROLE_IN_CLUB: Record<Exclude<Actor, "anonymous">, Role | null> = {
  player: "PLAYER",
  staff: "STAFF",
  managerOfOtherClub: null,
  manager: "MANAGER",
  owner: "OWNER",
};

function expected(access: Access, actor: Actor): "allow" | "deny" {
  if (access.kind === "public") return "allow";
  if (actor === "anonymous") return "deny";
  if (access.kind === "user" || access.kind === "own") return "allow";
  const role = ROLE_IN_CLUB[actor];
  return role !== null && roleAtLeast(role, CAPABILITIES[access.capability].leastRole)
    ? "allow"
    : "deny";
}

let clubSlug = "";
const userIds = {} as Record<Exclude<Actor, "anonymous">, string>;
let staffWithout2fa = "";

beforeAll(async () => {
  const club = await createClub();
  const other = await createClub();
  clubSlug = club.slug;
  const make = async (role: Role, clubId: string, totp: boolean) => {
    const u = await createAccount({ totp });
    await addMembership(u.id, clubId, role);
    return u.id;
  };
  userIds.player = await make("PLAYER", club.id, false);
  userIds.staff = await make("STAFF", club.id, true);
  userIds.managerOfOtherClub = await make("MANAGER", other.id, true);
  userIds.manager = await make("MANAGER", club.id, true);
  userIds.owner = await make("OWNER", club.id, true);
  staffWithout2fa = await make("STAFF", club.id, false);
});

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

/** The actor's user, for a fresh signed-in browser with `as` (some calls log out). */
const userOf = (actor: Actor) => (actor === "anonymous" ? null : userIds[actor]);

describe("every route and action is declared", () => {
  it("finds the route handlers, actions and pages it must check", () => {
    expect(routeFiles.length).toBeGreaterThan(0);
    expect(actionFiles).toContain("app/account/actions.ts");
    expect(pageFiles).toContain("app/c/[club]/admin/page.tsx");
  });

  it("declares the access of every route handler", () => {
    const undeclared = routeFiles.filter((f) => !ROUTE_HANDLERS[f]);
    expect(undeclared, "declare these route handlers in ROUTE_HANDLERS").toEqual([]);
    expect(
      Object.keys(ROUTE_HANDLERS).filter((f) => !routeFiles.includes(f)),
      "stale entries",
    ).toEqual([]);
  });

  it("declares the access of every exported server action", async () => {
    const found: string[] = [];
    for (const file of actionFiles) {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod))
        if (typeof value === "function") found.push(`${file}#${name}`);
    }
    expect(
      found.filter((a) => !SERVER_ACTIONS[a]),
      "declare these server actions in SERVER_ACTIONS",
    ).toEqual([]);
    expect(
      Object.keys(SERVER_ACTIONS).filter((a) => !found.includes(a)),
      "stale entries",
    ).toEqual([]);
  });

  it("declares the access of every account and admin page", () => {
    expect(
      pageFiles.filter((f) => !PROTECTED_PAGES[f]),
      "declare these pages in PROTECTED_PAGES",
    ).toEqual([]);
  });
});

describe.each(Object.entries(SERVER_ACTIONS).filter(([, a]) => a.kind !== "public"))(
  "server action %s",
  (id, access) => {
    const [file, name] = id.split("#") as [string, string];
    it.each(ACTORS)("as %s", async (actor) => {
      const mod = (await import(path.join(ROOT, file))) as Record<
        string,
        (s: unknown, f: FormData) => Promise<unknown>
      >;
      await as(userOf(actor));
      // A club-scoped action names its club in the form (a hidden field), like the admin forms.
      const form = new FormData();
      if (access.kind === "club") form.set("club", clubSlug);
      const verdict = await verdictOf(() => mod[name]!(IDLE, form));
      if (expected(access, actor) === "allow") expect(verdict).toBe("allowed");
      else expect(["sign-in", "not-found", "refused"]).toContain(verdict);
    });
  },
);

describe("every server action refuses a cross-site call", () => {
  it.each(Object.keys(SERVER_ACTIONS).filter((id) => !id.startsWith("app/email-preferences/")))(
    "%s",
    async (id) => {
      const [file, name] = id.split("#") as [string, string];
      const mod = (await import(path.join(ROOT, file))) as Record<
        string,
        (s: unknown, f: FormData) => Promise<unknown>
      >;
      await as(userIds.player, {
        headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      });
      expect(await verdictOf(() => mod[name]!(IDLE, new FormData()))).toBe("refused");
    },
  );
});

describe.each(Object.entries(PROTECTED_PAGES))("page %s", (file, access) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const mod = (await import(path.join(ROOT, file))) as {
      default: (props: {
        params: Promise<Record<string, string>>;
        searchParams: Promise<Record<string, string>>;
      }) => Promise<unknown>;
    };
    await as(userOf(actor));
    // A record of nobody in this club: only its owner could see it.
    const nobody = "00000000-0000-4000-8000-000000000000";
    const verdict = await verdictOf(() =>
      mod.default({
        params: Promise.resolve({ club: clubSlug, id: nobody, paymentId: nobody }),
        searchParams: Promise.resolve({}),
      }),
    );
    if (access.kind === "own")
      expect(verdict).toBe(actor === "anonymous" ? "sign-in" : "not-found");
    else if (expected(access, actor) === "allow") expect(verdict).toBe("allowed");
    else expect(["sign-in", "not-found"]).toContain(verdict);
  });
});

describe.each(
  Object.entries(ROUTE_HANDLERS).filter(([f]) => f.startsWith("app/c/[club]/admin/exports/")),
)("the CSV exports: route %s", (file, access) => {
  it.each(ACTORS)("as %s", async (actor) => {
    const mod = (await import(path.join(ROOT, file))) as {
      GET: (r: Request, c: { params: Promise<{ club: string }> }) => Promise<Response>;
    };
    await as(userOf(actor));
    const verdict = await verdictOf(() =>
      mod.GET(
        new Request(`http://localhost:3000/c/${clubSlug}/x.csv?from=2026-11-01&to=2026-11-30`),
        {
          params: Promise.resolve({ club: clubSlug }),
        },
      ),
    );
    if (expected(access, actor) === "allow") expect(verdict).toBe("allowed");
    else expect(["sign-in", "not-found"]).toContain(verdict);
  });
});

describe("the admin area", () => {
  it("shows each section to the roles its page lets in (the same capability)", () => {
    for (const section of ADMIN_SECTIONS) {
      const page = `app/c/[club]/admin${section.path}/page.tsx`;
      expect(PROTECTED_PAGES[page], page).toEqual({ kind: "club", capability: section.capability });
    }
  });

  it("sends staff without two-factor authentication to enrol first", async () => {
    const mod = (await import(path.join(ROOT, "app/c/[club]/admin/page.tsx"))) as {
      default: (p: { params: Promise<{ club: string }> }) => Promise<unknown>;
    };
    await as(staffWithout2fa);
    expect(
      await verdictOf(() => mod.default({ params: Promise.resolve({ club: clubSlug }) })),
    ).toBe("enrol-2fa");
  });

  it("is a 404 for an unknown club, even for a manager", async () => {
    const mod = (await import(path.join(ROOT, "app/c/[club]/admin/page.tsx"))) as {
      default: (p: { params: Promise<{ club: string }> }) => Promise<unknown>;
    };
    await as(userIds.manager);
    expect(
      await verdictOf(() => mod.default({ params: Promise.resolve({ club: "no-such-club" }) })),
    ).toBe("not-found");
  });
});
