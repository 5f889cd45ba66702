import type { ReactNode } from "react";
import {
  summarizeFreeSlots,
  testAsMemberCellText,
  type AvailabilityGrid,
} from "@/lib/availability";

/**
 * "Test as a member": a GET form choosing a member and a day; `children` is what that member
 * sees (TestAsMemberResult) or why it cannot be shown (TestAsMemberError).
 */
export function TestAsMemberSection({
  members,
  member,
  date,
  children,
}: {
  members: ReadonlyArray<{
    userId: string;
    name: string;
    email: string;
    status: string;
    tierName: string | null;
  }>;
  /** The chosen member's user id, or "". */
  member: string;
  date: string | undefined;
  children?: ReactNode;
}) {
  return (
    <section
      aria-labelledby="test-as"
      className="mt-8 rounded border border-slate-300 bg-white p-4"
    >
      <h2 id="test-as" className="text-xl font-semibold">
        Test as a member
      </h2>
      <p className="text-slate-700">
        See a day&apos;s planning exactly as one member sees it, and why each slot is or is not open
        to them.
      </p>
      <form method="get" className="mt-2 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="test-member" className="block text-sm font-medium">
            Member
          </label>
          <select
            id="test-member"
            name="member"
            defaultValue={member}
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
            defaultValue={date ?? ""}
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
      {children}
    </section>
  );
}

export function TestAsMemberError({ message }: { message: string }) {
  return (
    <p role="alert" className="mt-3 rounded border border-red-300 bg-red-50 p-3 text-red-900">
      {message}
    </p>
  );
}

/** A day's planning as one member sees it: how many free slots they may book, and why not the others. */
export function TestAsMemberResult({
  memberName,
  date,
  tierName,
  grid,
}: {
  memberName: string;
  date: string;
  tierName: string | null;
  grid: AvailabilityGrid;
}) {
  const { free, bookable, refusals } = summarizeFreeSlots(grid);
  return (
    <div className="mt-4" aria-live="polite">
      <h3 className="text-lg font-semibold">
        {memberName} on {date} ({tierName ?? "no tier"})
      </h3>
      <p data-testid="test-as-summary">
        {bookable} of {free} free slot(s) bookable by {memberName}.
      </p>
      {refusals.length ? (
        <ul className="mt-2 list-disc pl-6">
          {refusals.map(({ message, count }) => (
            <li key={message}>
              {count} slot(s): {message}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-3 overflow-x-auto">
        <table className="min-w-full border-collapse text-sm">
          <caption className="sr-only">Slots as {memberName} sees them</caption>
          <thead>
            <tr>
              <th scope="col" className="border p-1 text-left">
                Time
              </th>
              {grid.courts.map((c) => (
                <th key={c.id} scope="col" className="border p-1 text-left">
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.rows.map((r) => (
              <tr key={r.startsAt}>
                <th scope="row" className="border p-1 text-left font-normal">
                  {r.label}
                  {r.repeatedLabel ? ` (${r.offset})` : ""}
                </th>
                {r.cells.map((cell, i) => (
                  <td key={i} className="border p-1">
                    {testAsMemberCellText(cell)}
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
