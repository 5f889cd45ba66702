import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import { SetupDone } from "@/components/admin/setup-done";
import {
  Checkbox,
  FieldError,
  ActionForm,
  Field,
  SelectField,
} from "@/components/forms/action-form";
import { formatMoney } from "@/lib/pricing";
import { formatMinuteOfDay } from "@/lib/time";
import { WEEKDAY_NAMES } from "@/lib/court-labels";
import { listPriceRules } from "@/server/admin/prices/list-price-rules";
import { quotePrice } from "@/server/admin/prices/quote-price";
import { AppError } from "@/server/errors";
import { createPriceRuleAction, deletePriceRuleAction } from "./actions";

export const metadata: Metadata = { title: "Prices" };

const AUDIENCE_LABEL: Record<string, string> = {
  MEMBER: "Members",
  GUEST: "Guests",
  NON_MEMBER: "Non-members",
};

type Search = Record<string, string | string[] | undefined>;
const param = (v: string | string[] | undefined): string => (typeof v === "string" ? v : "");

const QUOTE_INPUTS = [
  { name: "date", label: "Date", type: "date", fallback: "" },
  { name: "start", label: "Start (local time)", type: "time", fallback: "18:00" },
  { name: "durationMinutes", label: "Minutes", type: "number", fallback: "60" },
  { name: "members", label: "Members", type: "number", fallback: "2" },
  { name: "guests", label: "Guests", type: "number", fallback: "0" },
  { name: "nonMembers", label: "Non-members", type: "number", fallback: "0" },
] as const;

function QuoteField({
  label,
  name,
  children,
}: {
  label: string;
  name: string;
  children: ReactNode;
}) {
  return (
    <div>
      <label htmlFor={`quote-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

async function QuoteResult({ slug, sp }: { slug: string; sp: Search }) {
  const input = Object.fromEntries(
    ["courtId", ...QUOTE_INPUTS.map((f) => f.name)].map((k) => [k, param(sp[k])]),
  );
  let result: Awaited<ReturnType<typeof quotePrice>>;
  try {
    result = await quotePrice(slug, input);
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
  const { quote } = result;
  const unpriced = Object.entries(quote.unpricedMinutes).filter(([, m]) => m > 0);
  return (
    <div role="status" className="mt-4" data-testid="price-quote">
      <p className="text-lg font-semibold">
        Total: {formatMoney(quote.amountMinor, quote.currency)}
      </p>
      <ul className="mt-2 list-disc pl-6">
        {quote.lines.map((l) => (
          <li key={l.ruleId}>
            {l.ruleName}: {l.players} {AUDIENCE_LABEL[l.audience]?.toLowerCase()} × {l.minutes} min
            at {formatMoney(l.rateMinor, quote.currency)}/hour ={" "}
            {formatMoney(l.amountMinor, quote.currency)}
          </li>
        ))}
        {unpriced.map(([audience, minutes]) => (
          <li key={audience}>
            {AUDIENCE_LABEL[audience]}: {minutes} min not covered by any price (free)
          </li>
        ))}
      </ul>
    </div>
  );
}

function weekdaysLabel(days: number[]): string {
  if (days.length === 7) return "Every day";
  if (days.join() === "1,2,3,4,5") return "Monday to Friday";
  if (days.join() === "6,7") return "Weekends";
  return days.map((d) => WEEKDAY_NAMES[d - 1]!.slice(0, 3)).join(", ");
}

/** Court prices per court × weekly time band × audience, in the club's currency (MANAGER). */
export default async function PricesPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { club: slug } = await params;
  const sp = await searchParams;
  const { done } = sp;
  const { access, currency, rules, courts } = await listPriceRules(slug);
  const hidden = { club: access.club.slug };
  const courtName = (id: string | null) =>
    id === null ? "All courts" : (courts.find((c) => c.id === id)?.name ?? "A court");
  return (
    <>
      <AdminNav slug={access.club.slug} role={access.role} current="/prices" />
      <main id="main" className="mx-auto max-w-4xl p-6">
        <h1 className="text-2xl font-bold">Prices · {access.club.name}</h1>
        <SetupDone done={done} messages={{ "price-removed": "Price removed." }} />
        <p className="mt-2 text-slate-700">
          Each price is per player and per hour, in {currency}, at the club&apos;s local time (
          {access.club.timeZone}). A booking that crosses two bands pays each part at its own price;
          a court&apos;s own price replaces the all-courts price; time no price covers is free.
          Payments charge what these rules compute, on the server.
        </p>

        <section aria-labelledby="price-list" className="mt-6">
          <h2 id="price-list" className="text-xl font-semibold">
            Current prices
          </h2>
          {rules.length === 0 ? <p className="mt-2">No prices yet: court time is free.</p> : null}
          <table className="mt-3 min-w-full border-collapse bg-white text-sm">
            <thead>
              <tr>
                {["Name", "Courts", "Days", "Time", "Who", "Per player-hour", ""].map((h) => (
                  <th key={h} scope="col" className="border p-2 text-left">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => (
                <tr key={r.id}>
                  <td className="border p-2">{r.name}</td>
                  <td className="border p-2">{courtName(r.courtId)}</td>
                  <td className="border p-2">{weekdaysLabel(r.weekdays)}</td>
                  <td className="border p-2">
                    {formatMinuteOfDay(r.startMinute)}–{formatMinuteOfDay(r.endMinute)}
                  </td>
                  <td className="border p-2">{AUDIENCE_LABEL[r.audience]}</td>
                  <td className="border p-2">{formatMoney(r.amountMinor, currency)}</td>
                  <td className="border p-2">
                    <ActionForm
                      compact
                      messageAfter
                      action={deletePriceRuleAction}
                      submitLabel={`Remove ${r.name}`}
                      hidden={{ ...hidden, priceRuleId: r.id }}
                      variant="secondary"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section
          aria-labelledby="add-price"
          className="mt-8 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="add-price" className="text-xl font-semibold">
            Add a price
          </h2>
          <ActionForm
            compact
            messageAfter
            action={createPriceRuleAction}
            submitLabel="Add price"
            hidden={hidden}
            label="Add a price"
          >
            <Field name="name" label="Name" hint="e.g. Guest fee, evenings" required />
            <SelectField
              name="courtId"
              label="Courts"
              options={[
                { value: "", label: "All courts" },
                ...courts.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
            <fieldset className="mt-3">
              <legend className="text-sm font-medium">Days</legend>
              <FieldError name="weekdays" />
              <div className="flex flex-wrap gap-x-4">
                {WEEKDAY_NAMES.map((n, i) => (
                  <Checkbox
                    key={n}
                    name="weekdays"
                    value={String(i + 1)}
                    label={n}
                    defaultChecked
                    idSuffix={String(i + 1)}
                  />
                ))}
              </div>
            </fieldset>
            <div className="grid gap-x-4 sm:grid-cols-2">
              <Field name="start" label="From" type="time" defaultValue="00:00" />
              <Field name="end" label="Until" hint="24:00 for midnight" defaultValue="24:00" />
            </div>
            <SelectField
              name="audience"
              label="Who pays it"
              options={Object.entries(AUDIENCE_LABEL).map(([value, label]) => ({ value, label }))}
            />
            <Field
              name="amount"
              label={`Amount per player and per hour (${currency})`}
              hint="e.g. 12.50"
              inputMode="decimal"
              required
            />
          </ActionForm>
        </section>
        <section
          aria-labelledby="quote"
          className="mt-8 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="quote" className="text-xl font-semibold">
            What would a booking cost?
          </h2>
          <form method="get" className="mt-2 grid gap-3 sm:grid-cols-3">
            <input type="hidden" name="quote" value="1" />
            <QuoteField label="Court" name="courtId">
              <select
                id="quote-courtId"
                name="courtId"
                defaultValue={param(sp.courtId)}
                className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2"
              >
                {courts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </QuoteField>
            {QUOTE_INPUTS.map((f) => (
              <QuoteField key={f.name} label={f.label} name={f.name}>
                <input
                  id={`quote-${f.name}`}
                  name={f.name}
                  type={f.type}
                  required
                  defaultValue={param(sp[f.name]) || f.fallback}
                  className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
                />
              </QuoteField>
            ))}
            <div className="sm:col-span-3">
              <button
                type="submit"
                className="min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white hover:bg-blue-800"
              >
                Show the price
              </button>
            </div>
          </form>
          {sp.quote ? <QuoteResult slug={access.club.slug} sp={sp} /> : null}
        </section>
      </main>
    </>
  );
}
