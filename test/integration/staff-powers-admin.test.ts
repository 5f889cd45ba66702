/**
 * Every staff power of the admin area passes the same gate as cancelBooking
 * (docs/decisions/017-staff-powers-need-2fa.md): a staff or manager account that has two-factor
 * authentication but whose session signed in with a password only (2FA switched on after the
 * sign-in) is sent to the two-factor page by booking on behalf, cancelling a member's booking,
 * seeing the club's bookings, payments and blocks, and the exports; the same account signed in
 * with a code is let in.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { IDLE } from "@/lib/form-state";
import { db } from "@/server/db";
import { addMembership, as, createAccount } from "../helpers/auth";
import { createClub } from "../helpers/builders";

vi.mock("next/headers", () => import("../helpers/fake-next-request"));

let slug: string;
const ids = { STAFF: "", MANAGER: "" };

beforeAll(async () => {
  const club = await createClub();
  slug = club.slug;
  for (const role of ["STAFF", "MANAGER"] as const) {
    const u = await createAccount({ totp: true });
    await addMembership(u.id, club.id, role);
    ids[role] = u.id;
  }
});

beforeEach(async () => {
  await db.rateLimit.deleteMany({});
});

type Outcome = "two-factor" | "other-redirect" | "not-found" | "ran";

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return "ran";
  } catch (err) {
    const digest = (err as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) {
      return digest.split(";")[2]!.startsWith("/account/two-factor?required=1")
        ? "two-factor"
        : "other-redirect";
    }
    if (typeof digest === "string" && digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404"))
      return "not-found";
    // An AppError (bad input…) or anything else: the authorization check let the caller in.
    return "ran";
  }
}

const page = (file: string) => async () => {
  const mod = (await import(`@/app/c/[club]/admin/${file}`)) as {
    default: (p: {
      params: Promise<Record<string, string>>;
      searchParams: Promise<Record<string, string>>;
    }) => Promise<unknown>;
  };
  return mod.default({
    params: Promise.resolve({ club: slug }),
    searchParams: Promise.resolve({}),
  });
};
const action = (file: string, name: string) => async () => {
  const mod = (await import(`@/app/c/[club]/admin/${file}`)) as Record<
    string,
    (s: unknown, f: FormData) => Promise<unknown>
  >;
  const form = new FormData();
  form.set("club", slug);
  return mod[name]!(IDLE, form);
};
const csv = (file: string) => async () => {
  const mod = (await import(`@/app/c/[club]/admin/exports/${file}/route`)) as {
    GET: (r: Request, c: { params: Promise<{ club: string }> }) => Promise<Response>;
  };
  return mod.GET(
    new Request(
      `http://localhost:3000/c/${slug}/admin/exports/${file}?from=2026-11-01&to=2026-11-30`,
    ),
    { params: Promise.resolve({ club: slug }) },
  );
};

const POWERS: Array<[string, "STAFF" | "MANAGER", () => Promise<unknown>]> = [
  ["the dashboard", "STAFF", page("page")],
  ["the club's bookings", "STAFF", page("bookings/page")],
  ["the club's payments", "STAFF", page("payments/page")],
  ["the blocks", "STAFF", page("blocks/page")],
  ["booking on a member's behalf", "STAFF", action("bookings/actions", "createStaffBookingAction")],
  [
    "cancelling a member's booking",
    "STAFF",
    action("bookings/actions", "cancelMemberBookingAction"),
  ],
  ["the bookings export", "MANAGER", csv("bookings.csv")],
  ["the members export", "MANAGER", csv("members.csv")],
  ["the members page", "MANAGER", page("members/page")],
];

describe.each(POWERS)("%s", (_name, role, run) => {
  it(`sends a ${role} session signed in without a code to the two-factor page`, async () => {
    await as(ids[role], { method: "password" });
    expect(await outcomeOf(run)).toBe("two-factor");
  });

  it(`lets the same ${role} in when the session verified a code`, async () => {
    await as(ids[role], { method: "totp" });
    expect(await outcomeOf(run)).toBe("ran");
  });
});
