import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { SetupDone } from "@/components/admin/setup-done";
import { Checkbox, ActionForm, Field, SelectField } from "@/components/forms/action-form";
import type { AvailabilityCell } from "@/lib/availability";
import { DEFAULT_TIER_RULES } from "@/lib/booking-policy";
import { sportLabel } from "@/lib/court-labels";
import { formatMinuteOfDay } from "@/lib/time";
import { WEEKDAY_NAMES } from "@/schemas/admin-club-setup";
import { listTiers } from "@/server/admin/tiers/list-tiers";
import { testAsMember } from "@/server/admin/tiers/test-as-member";
import { AppError } from "@/server/errors";
import {
  addPeakBandAction,
  createTierAction,
  removePeakBandAction,
  setSportRulesAction,
  updateTierAction,
} from "./actions";

export const metadata: Metadata = { title: "Tiers and booking rules" };

type Tier = Awaited<ReturnType<typeof listTiers>>["tiers"][number];

const num = (v: number | null) => (v === null ? "" : String(v));

/** Every booking rule of a tier (lib/booking-policy.ts TierPolicy), as form fields. */
function TierFields({ tier, suffix }: { tier: Tier | null; suffix: string }) {
  const rules = tier ?? DEFAULT_TIER_RULES;
  return (
    <>
      <Field name="name" label="Name" defaultValue={tier?.name ?? ""} required idSuffix={suffix} />
      <Field
        name="description"
        label="Description (optional)"
        defaultValue={tier?.description ?? ""}
        idSuffix={suffix}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field
          name="horizonDays"
          label="Booking horizon (days ahead)"
          type="number"
          min={0}
          max={365}
          hint="0 = today only"
          defaultValue={String(rules.horizonDays)}
          idSuffix={suffix}
        />
        <Field
          name="releaseTime"
          label="Days open for booking at"
          type="time"
          hint="Local time, horizon days before the day"
          defaultValue={formatMinuteOfDay(rules.releaseMinute)}
          idSuffix={suffix}
        />
        <Field
          name="maxActiveBookings"
          label="Upcoming bookings at once"
          type="number"
          min={0}
          hint="Empty = no limit"
          defaultValue={num(rules.maxActiveBookings)}
          idSuffix={suffix}
        />
        <Field
          name="maxPerDay"
          label="Bookings per day"
          type="number"
          min={0}
          hint="Empty = no limit"
          defaultValue={num(rules.maxPerDay)}
          idSuffix={suffix}
        />
        <Field
          name="maxPerWeek"
          label="Bookings per week"
          type="number"
          min={0}
          hint="Monday to Sunday; empty = no limit"
          defaultValue={num(rules.maxPerWeek)}
          idSuffix={suffix}
        />
        <Field
          name="maxPeakPerWeek"
          label="Peak-time bookings per week"
          type="number"
          min={0}
          hint="Empty = no limit"
          defaultValue={num(rules.maxPeakPerWeek)}
          idSuffix={suffix}
        />
        <Field
          name="cancelNoticeMinutes"
          label="Cancellation notice (minutes)"
          type="number"
          min={0}
          max={43200}
          defaultValue={String(rules.cancelNoticeMinutes)}
          idSuffix={suffix}
        />
        <Field
          name="maxGuestsPerBooking"
          label="Guests per booking"
          type="number"
          min={0}
          max={10}
          defaultValue={String(rules.maxGuestsPerBooking)}
          idSuffix={suffix}
        />
      </div>
      <Checkbox
        name="noBackToBack"
        label="No back-to-back bookings"
        defaultChecked={rules.noBackToBack}
        idSuffix={suffix}
      />
      <Checkbox
        name="partnerBookingsCount"
        label="Bookings as a partner count towards the limits"
        defaultChecked={rules.partnerBookingsCount}
        idSuffix={suffix}
      />
      <Checkbox
        name="partnersMustBeActive"
        label="Partners must be active members"
        defaultChecked={rules.partnersMustBeActive}
        idSuffix={suffix}
      />
    </>
  );
}

function cellText(cell: AvailabilityCell): string {
  switch (cell.status) {
    case "free":
      return cell.bookable
        ? `Bookable (${cell.durations.join(", ")} min)`
        : `No: ${cell.reason.message}`;
    case "booked":
      return cell.mine ? "Their booking" : "Booked";
    case "blocked":
      return `Blocked: ${cell.title}`;
    case "closed":
      return cell.reason ? `Closed: ${cell.reason}` : "Closed";
    case "past":
      return "Past";
  }
}

async function TestAsMemberView({
  slug,
  userId,
  date,
}: {
  slug: string;
  userId: string;
  date?: string;
}) {
  let result: Awaited<ReturnType<typeof testAsMember>>;
  try {
    result = await testAsMember(slug, { userId, ...(date ? { date } : {}) });
  } catch (err) {
    if (err instanceof AppError) {
      return (
        <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-3 text-red-900">
          {err.message}
        </p>
      );
    }
    throw err;
  }
  const { member, availability: a } = result;
  const free = a.grid.rows.flatMap((r) => r.cells).filter((c) => c.status === "free");
  const bookable = free.filter((c) => c.status === "free" && c.bookable).length;
  const reasons = new Map<string, number>();
  for (const c of free)
    if (c.status === "free" && !c.bookable)
      reasons.set(c.reason.message, (reasons.get(c.reason.message) ?? 0) + 1);
  return (
    <div className="mt-4" aria-live="polite">
      <h3 className="text-lg font-semibold">
        {member.name} on {a.date} ({a.viewer.tierName ?? "no tier"})
      </h3>
      <p data-testid="test-as-summary">
        {bookable} of {free.length} free slot(s) bookable by {member.name}.
      </p>
      {reasons.size ? (
        <ul className="mt-2 list-disc pl-6">
          {[...reasons].map(([message, n]) => (
            <li key={message}>
              {n} slot(s): {message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-3 overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">Slots as {member.name} sees them</caption>
          <thead>
            <tr>
              <th scope="col" className="border p-1 text-left">
                Time
              </th>
              {a.grid.courts.map((c) => (
                <th key={c.id} scope="col" className="border p-1 text-left">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {a.grid.rows.map((r) => (
              <tr key={r.startsAt}>
                <th scope="row" className="border p-1 text-left font-normal">
                  {r.label}
                  {r.repeatedLabel ? ` (${r.offset})` : ""}
                </th>
                {r.cells.map((cell, i) => (
                  <td key={i} className="border p-1">
                    {cellText(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Membership tiers with their booking rules, sport rules, peak bands, and "test as member". */
export default async function TiersPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { club: slug } = await params;
  const sp = await searchParams;
  const { access, tiers, sports, peakBands, members } = await listTiers(slug);
  const hidden = { club: access.club.slug };
  const testMember = typeof sp.member === "string" ? sp.member : "";
  const testDate = typeof sp.date === "string" && sp.date ? sp.date : undefined;
  return (
    <>
      <AdminNav slug={access.club.slug} role={access.role} current="/tiers" />
      <main id="main" className="mx-auto max-w-5xl p-6">
        <h1 className="text-2xl font-bold">Tiers and booking rules · {access.club.name}</h1>
        <SetupDone done={sp.done} messages={{ "peak-band-removed": "Peak band removed." }} />
        <p className="mt-2 text-slate-700">
          Rules apply to the next booking and to the planning at once; bookings already made are
          kept. Members without a tier get the default rules.
        </p>

        <section aria-labelledby="tiers" className="mt-6">
          <h2 id="tiers" className="text-xl font-semibold">
            Tiers
          </h2>
          {tiers.map((tier) => (
            <details key={tier.id} className="mt-3 rounded border border-slate-300 bg-white p-4">
              <summary className="cursor-pointer font-semibold">
                {tier.name} · {tier.memberCount} member(s) · books {tier.horizonDays} day(s) ahead
              </summary>
              <ActionForm
                compact
                messageAfter
                action={updateTierAction}
                submitLabel={`Save ${tier.name}`}
                hidden={{ ...hidden, tierId: tier.id }}
                label={`Rules of ${tier.name}`}
              >
                <TierFields tier={tier} suffix={tier.id} />
              </ActionForm>
            </details>
          ))}
          <details className="mt-3 rounded border border-slate-300 bg-white p-4">
            <summary className="cursor-pointer font-semibold">Add a tier</summary>
            <ActionForm
              compact
              messageAfter
              action={createTierAction}
              submitLabel="Add tier"
              hidden={hidden}
              label="Add a tier"
            >
              <TierFields tier={null} suffix="new" />
            </ActionForm>
          </details>
        </section>

        <section aria-labelledby="sports" className="mt-8">
          <h2 id="sports" className="text-xl font-semibold">
            Sports: durations and players
          </h2>
          {sports.map((s) => (
            <div key={s.sport} className="mt-3 rounded border border-slate-300 bg-white p-4">
              <h3 className="font-semibold">
                {sportLabel(s.sport)}
                {s.configured ? "" : " (defaults)"}
              </h3>
              <ActionForm
                compact
                messageAfter
                action={setSportRulesAction}
                submitLabel={`Save ${sportLabel(s.sport)} rules`}
                hidden={{ ...hidden, sport: s.sport }}
                label={`${sportLabel(s.sport)} rules`}
              >
                <Field
                  name="allowedDurations"
                  label="Booking durations (minutes)"
                  hint="Comma-separated, e.g. 60, 90"
                  defaultValue={s.allowedDurations.join(", ")}
                  idSuffix={s.sport}
                />
                <Field
                  name="allowedPlayerCounts"
                  label="Players on court (booker included)"
                  hint="e.g. 2, 4"
                  defaultValue={s.allowedPlayerCounts.join(", ")}
                  idSuffix={s.sport}
                />
              </ActionForm>
            </div>
          ))}
        </section>

        <section
          aria-labelledby="peak"
          className="mt-8 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="peak" className="text-xl font-semibold">
            Peak times
          </h2>
          <p className="text-slate-700">
            Peak-time limits of the tiers apply to bookings starting in these bands.
          </p>
          <ul className="mt-2 space-y-2">
            {peakBands.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {WEEKDAY_NAMES[b.weekday - 1]} {formatMinuteOfDay(b.startMinute)}–
                  {formatMinuteOfDay(b.endMinute)}
                </span>
                <ActionForm
                  compact
                  messageAfter
                  action={removePeakBandAction}
                  submitLabel="Remove"
                  hidden={{ ...hidden, peakBandId: b.id }}
                  variant="secondary"
                  label={`Remove ${WEEKDAY_NAMES[b.weekday - 1]} peak band`}
                />
              </li>
            ))}
          </ul>
          <ActionForm
            compact
            messageAfter
            action={addPeakBandAction}
            submitLabel="Add peak band"
            hidden={hidden}
            label="Add a peak band"
          >
            <div className="grid gap-x-4 sm:grid-cols-3">
              <SelectField
                name="weekday"
                label="Weekday"
                options={WEEKDAY_NAMES.map((n, i) => ({ value: String(i + 1), label: n }))}
              />
              <Field name="start" label="From" type="time" defaultValue="18:00" />
              <Field name="end" label="Until" hint="24:00 for midnight" defaultValue="21:00" />
            </div>
          </ActionForm>
        </section>

        <section
          aria-labelledby="test-as"
          className="mt-8 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="test-as" className="text-xl font-semibold">
            Test as a member
          </h2>
          <p className="text-slate-700">
            See a day&apos;s planning exactly as one member sees it, and why each slot is or is not
            open to them.
          </p>
          <form method="get" className="mt-2 flex flex-wrap items-end gap-3">
            <div>
              <label htmlFor="test-member" className="block text-sm font-medium">
                Member
              </label>
              <select
                id="test-member"
                name="member"
                defaultValue={testMember}
                className="mt-1 rounded border border-slate-400 bg-white px-3 py-2"
              >
                {members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name} ({m.email}) · {m.tierName ?? "no tier"}
                    {m.status === "ACTIVE" ? "" : ` · ${m.status.toLowerCase()}`}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="test-date" className="block text-sm font-medium">
                Day
              </label>
              <input
                id="test-date"
                name="date"
                type="date"
                defaultValue={testDate ?? ""}
                className="mt-1 rounded border border-slate-400 px-3 py-2"
              />
            </div>
            <button
              type="submit"
              className="min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
            >
              Show their planning
            </button>
          </form>
          {testMember ? (
            <TestAsMemberView slug={access.club.slug} userId={testMember} date={testDate} />
          ) : null}
        </section>
      </main>
    </>
  );
}
