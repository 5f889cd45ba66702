import type { Metadata } from "next";
import Link from "next/link";
import { logOutAction } from "@/app/account/actions";
import { requireClubRole, roleAtLeast } from "@/server/auth/require-user";

export const metadata: Metadata = { title: "Club admin" };

/**
 * Landing page of a club's admin area: staff roles only, with two-factor authentication on
 * (requireClubRole sends them to enrol first). The sections arrive with their features.
 */
export default async function AdminHomePage({ params }: { params: Promise<{ club: string }> }) {
  const { club: slug } = await params;
  const { club, role, user } = await requireClubRole(slug, "STAFF", { next: `/c/${slug}/admin` });
  const sections = [
    { label: "Bookings", min: "STAFF" },
    { label: "Blocks (lessons, tournaments, maintenance)", min: "STAFF" },
    { label: "Courts and opening hours", min: "MANAGER" },
    { label: "Prices and booking rules", min: "MANAGER" },
    { label: "Members and roles", min: "MANAGER" },
    { label: "Security and audit log", min: "MANAGER" },
  ] as const;
  return (
    <main id="main" className="mx-auto max-w-2xl p-6">
      <p className="text-sm text-slate-600">
        Signed in as {user.name} · {role.toLowerCase()}
      </p>
      <h1 className="mt-2 text-2xl font-bold">{club.name} — admin</h1>
      <ul className="mt-4 list-disc pl-6">
        {sections
          .filter((s) => roleAtLeast(role, s.min))
          .map((s) => (
            <li key={s.label}>{s.label} (coming soon)</li>
          ))}
      </ul>
      <div className="mt-6 flex gap-4">
        <Link className="text-blue-700 underline" href="/account">
          Your account
        </Link>
        <form action={logOutAction}>
          <button type="submit" className="text-blue-700 underline">
            Log out
          </button>
        </form>
      </div>
    </main>
  );
}
