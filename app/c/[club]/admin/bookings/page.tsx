import type { Metadata } from "next";
import { Pager } from "@/components/admin/pager";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionForm, Field, SelectField, SubmitButton } from "@/components/forms/action-form";
import { formatLongDate, todayIn } from "@/lib/time";
import { getBookingOptions } from "@/server/admin/bookings/get-booking-options";
import { listClubBookings } from "@/server/admin/bookings/list-club-bookings";
import { requireClubPermission } from "@/server/auth/require-user";
import { cancelMemberBookingAction, createStaffBookingAction } from "./actions";

export const metadata: Metadata = { title: "Bookings" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

const STATUS_LABELS: Record<string, string> = {
  CONFIRMED: "Confirmed",
  PENDING_PAYMENT: "Awaiting payment",
  CANCELLED: "Cancelled",
};

/**
 * Bookings of a club: STAFF and above. Filter by date range, court, member and status (a GET
 * form: the filters live in the URL), 25 to a page; cancel on the players' behalf with a reason
 * they are told; book for a member or a walk-in guest (the tier's quotas do not bind the club,
 * the overlap rule does).
 */
export default async function AdminBookingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams?: Promise<Search>;
}) {
  const { club: slug } = await params;
  const search: Search = (await searchParams) ?? {};
  const access = await requireClubPermission(slug, "viewBookings", {
    next: `/c/${slug}/admin/bookings`,
  });
  const clubSlug = access.club.slug;
  const raw = {
    from: one(search.from),
    to: one(search.to),
    court: one(search.court),
    member: one(search.member),
    status: one(search.status),
    page: one(search.page),
  };
  const [options, list] = await Promise.all([
    getBookingOptions(clubSlug),
    listClubBookings(clubSlug, raw),
  ]);
  const q = list.query;
  const today = todayIn(access.club.timeZone);
  const filterParams = new URLSearchParams();
  if (q.from) filterParams.set("from", q.from);
  if (q.to) filterParams.set("to", q.to);
  if (q.court) filterParams.set("court", q.court);
  if (q.member) filterParams.set("member", q.member);
  if (q.status) filterParams.set("status", q.status);
  const pageHref = (page: number) => {
    const p = new URLSearchParams(filterParams);
    p.set("page", String(page));
    return `/c/${clubSlug}/admin/bookings?${p.toString()}`;
  };
  const here = pageHref(list.page);

  return (
    <>
      <AdminNav slug={clubSlug} role={access.role} current="/bookings" />
      <main id="main" className="mx-auto max-w-6xl p-6">
        <h1 className="text-2xl font-bold">Bookings · {access.club.name}</h1>
        {one(search.cancelled) ? (
          <p
            role="status"
            className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900"
          >
            Booking cancelled. The players have been told, with your reason.
          </p>
        ) : null}
        {one(search.booked) ? (
          <p
            role="status"
            className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900"
          >
            Booking made.
          </p>
        ) : null}

        <section
          aria-labelledby="filters"
          className="mt-6 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="filters" className="text-xl font-semibold">
            Find bookings
          </h2>
          <form method="get" aria-label="Filter bookings" className="grid gap-x-4 sm:grid-cols-3">
            <Plain name="from" label="From date" type="date" value={q.from ?? ""} />
            <Plain name="to" label="To date" type="date" value={q.to ?? ""} />
            <PlainSelect
              name="court"
              label="Court"
              value={q.court ?? ""}
              options={[
                { value: "", label: "All courts" },
                ...options.courts.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
            <Plain name="member" label="Player or guest name, or email" value={q.member ?? ""} />
            <PlainSelect
              name="status"
              label="Status"
              value={q.status ?? ""}
              options={[
                { value: "", label: "Any status" },
                ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
              ]}
            />
            <div className="flex items-end">
              <button
                type="submit"
                className="mt-4 min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
              >
                Show bookings
              </button>
            </div>
          </form>
        </section>

        <section aria-labelledby="results" className="mt-6">
          <h2 id="results" className="text-xl font-semibold">
            {list.total} booking(s){list.pages > 1 ? ` · page ${list.page} of ${list.pages}` : ""}
          </h2>
          {list.rows.length === 0 ? (
            <p className="mt-2 text-slate-700">No booking matches these filters.</p>
          ) : (
            <table className="mt-2 w-full border-collapse text-left text-sm">
              <caption className="sr-only">Bookings</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-1 pr-2">
                    When
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    Court
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    Players
                  </th>
                  <th scope="col" className="py-1 pr-2">
                    Status
                  </th>
                  <th scope="col" className="py-1">
                    Action
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((b) => (
                  <tr
                    key={b.id}
                    className="border-b border-slate-200 align-top"
                    data-testid="booking-row"
                  >
                    <td className="py-2 pr-2">
                      {formatLongDate(b.date)}
                      <br />
                      {b.start}–{b.end}
                    </td>
                    <td className="py-2 pr-2">{b.courtName}</td>
                    <td className="py-2 pr-2">{b.players.join(", ")}</td>
                    <td className="py-2 pr-2">
                      {STATUS_LABELS[b.status]}
                      {b.cancelReason ? (
                        <span className="block text-slate-600">Reason: {b.cancelReason}</span>
                      ) : null}
                    </td>
                    <td className="py-2">
                      {b.status !== "CANCELLED" ? (
                        <ActionForm
                          action={cancelMemberBookingAction}
                          label={`Cancel the booking of ${b.players.join(", ")}`}
                        >
                          <input type="hidden" name="club" value={clubSlug} />
                          <input type="hidden" name="bookingId" value={b.id} />
                          <input type="hidden" name="next" value={here} />
                          <Field
                            required
                            name="reason"
                            label="Reason told to the players"
                            idSuffix={b.id}
                            maxLength={500}
                          />
                          <SubmitButton variant="danger">Cancel booking</SubmitButton>
                        </ActionForm>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager page={list.page} pages={list.pages} href={pageHref} />
        </section>

        <section
          aria-labelledby="new-booking"
          className="mt-8 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="new-booking" className="text-xl font-semibold">
            Book a court for a member or a walk-in guest
          </h2>
          <p className="text-sm text-slate-700">
            The member&apos;s booking rules (horizon, quotas) do not apply to bookings made by the
            club; the court must be free.
          </p>
          <ActionForm
            action={createStaffBookingAction}
            label="Book a court"
            className="grid gap-x-4 sm:grid-cols-2"
          >
            <input type="hidden" name="club" value={clubSlug} />
            <SelectField
              name="courtId"
              label="Court"
              options={options.courts.map((c) => ({ value: c.id, label: c.name }))}
            />
            <Field required name="date" label="Date" type="date" defaultValue={today} />
            <Field required name="startTime" label="Start time" type="time" defaultValue="18:00" />
            <Field
              required
              name="durationMinutes"
              label="Duration (minutes)"
              type="number"
              defaultValue="60"
              min="10"
              max="720"
              step="5"
            />
            <SelectField
              name="memberId"
              label="Member"
              options={[
                { value: "", label: "— a walk-in guest —" },
                ...options.members.map((m) => ({ value: m.id, label: `${m.name} (${m.email})` })),
              ]}
            />
            <Field name="guestName" label="Walk-in guest's name (when no member)" maxLength={120} />
            <div className="sm:col-span-2">
              <SubmitButton>Book the court</SubmitButton>
            </div>
          </ActionForm>
        </section>
      </main>
    </>
  );
}

function Plain({
  name,
  label,
  value,
  type = "text",
}: {
  name: string;
  label: string;
  value: string;
  type?: "text" | "date";
}) {
  const id = `filter-${name}`;
  return (
    <div className="mt-3">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        maxLength={120}
        className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
      />
    </div>
  );
}

function PlainSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  const id = `filter-${name}`;
  return (
    <div className="mt-3">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value}
        className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
