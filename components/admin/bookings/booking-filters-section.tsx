import { AdminSection } from "@/components/admin/admin-section";
import {
  courtFilterOptions,
  STATUS_FILTER_OPTIONS,
  type AppliedFilters,
} from "@/lib/admin-bookings-page";

/** The list's filters: a GET form, so that they live in the URL. */
export function BookingFiltersSection({
  query,
  courts,
}: {
  query: AppliedFilters;
  courts: ReadonlyArray<{ id: string; name: string }>;
}) {
  return (
    <AdminSection
      id="filters"
      title="Find bookings"
      className="mt-6 rounded border border-slate-300 bg-white p-4"
    >
      <form method="get" aria-label="Filter bookings" className="grid gap-x-4 sm:grid-cols-3">
        <Plain name="from" label="From date" type="date" value={query.from ?? ""} />
        <Plain name="to" label="To date" type="date" value={query.to ?? ""} />
        <PlainSelect
          name="court"
          label="Court"
          value={query.court ?? ""}
          options={courtFilterOptions(courts)}
        />
        <Plain name="member" label="Player or guest name, or email" value={query.member ?? ""} />
        <PlainSelect
          name="status"
          label="Status"
          value={query.status ?? ""}
          options={STATUS_FILTER_OPTIONS}
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
    </AdminSection>
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
