/** The legend under the planning grid; members also see the two states only they meet. */
export function PlanningLegend({ member }: { member: boolean }) {
  return (
    <ul className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-sm" aria-label="Legend">
      <li>
        <span className="rounded bg-emerald-50 px-1.5 text-emerald-900">Free</span> can be booked
      </li>
      {member ? (
        <li>
          <span className="rounded bg-emerald-50 px-1.5 text-emerald-900">Free, not for you</span> a
          booking rule stops you: open it to see which
        </li>
      ) : null}
      <li>
        <span className="rounded bg-rose-100 px-1.5 text-rose-900">Booked</span> by players
      </li>
      {member ? (
        <li>
          <span className="rounded bg-blue-100 px-1.5 text-blue-950">Your booking</span> you play
        </li>
      ) : null}
      <li>
        <span className="rounded bg-amber-100 px-1.5 text-amber-900">Blocked</span> lesson,
        tournament or maintenance
      </li>
      <li>
        <span className="rounded bg-slate-200 px-1.5 text-slate-700">Closed</span> outside opening
        hours
      </li>
      <li>
        <span className="rounded bg-slate-100 px-1.5 text-slate-700">Past</span> already started
      </li>
    </ul>
  );
}
