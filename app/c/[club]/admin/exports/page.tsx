import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { addDays, todayIn } from "@/lib/time";
import { requireClubPermission } from "@/server/auth/require-user";

export const metadata: Metadata = { title: "Exports" };

const input = "mt-1 block rounded border border-slate-400 px-2 py-2";

/**
 * CSV downloads of the club's bookings and members (ADR 009), for spreadsheet apps:
 * UTF-8 with BOM, RFC 4180 quoting, formula-looking cells neutralised. Managers and owners only.
 */
export default async function ExportsPage({ params }: { params: Promise<{ club: string }> }) {
  const { club: slug } = await params;
  const { club, role } = await requireClubPermission(slug, "exportData", {
    next: `/c/${slug}/admin/exports`,
  });
  const today = todayIn(club.timeZone);
  const base = `/c/${club.slug}/admin/exports`;
  return (
    <>
      <AdminNav slug={club.slug} role={role} current="/exports" />
      <main id="main" className="mx-auto max-w-3xl p-6">
        <h1 className="text-2xl font-bold">Exports</h1>
        <p className="mt-2 text-slate-700">
          CSV files open in Excel, LibreOffice and Numbers with accents intact. Cells that a
          spreadsheet would run as a formula start with a single quote, so they stay plain text.
          Every download is written to the audit log.
        </p>

        <section aria-labelledby="bookings-export" className="mt-6">
          <h2 id="bookings-export" className="text-xl font-semibold">
            Bookings
          </h2>
          <form
            method="get"
            action={`${base}/bookings.csv`}
            className="mt-2 flex flex-wrap items-end gap-3"
          >
            <div>
              <label htmlFor="export-from" className="block font-medium">
                From
              </label>
              <input
                id="export-from"
                name="from"
                type="date"
                required
                defaultValue={addDays(today, -30)}
                className={input}
              />
            </div>
            <div>
              <label htmlFor="export-to" className="block font-medium">
                To (included)
              </label>
              <input
                id="export-to"
                name="to"
                type="date"
                required
                defaultValue={addDays(today, 30)}
                className={input}
              />
            </div>
            <button
              type="submit"
              className="min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
            >
              Download bookings (CSV)
            </button>
          </form>
          <p className="mt-1 text-sm text-slate-600">
            Times are in the club&apos;s time zone ({club.timeZone}); at most 366 days.
          </p>
        </section>

        <section aria-labelledby="members-export" className="mt-8">
          <h2 id="members-export" className="text-xl font-semibold">
            Members
          </h2>
          <p className="mt-2">
            <a
              href={`${base}/members.csv`}
              download
              className="inline-flex min-h-11 items-center rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
            >
              Download members (CSV)
            </a>
          </p>
        </section>
      </main>
    </>
  );
}
