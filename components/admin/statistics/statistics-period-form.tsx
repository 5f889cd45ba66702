const INPUT_CLASS = "mt-1 block rounded border border-slate-400 px-2 py-2";

/** The period of the statistics screen: a GET form, so it works without JavaScript. */
export function StatisticsPeriodForm({ from, to }: { from: string; to: string }) {
  return (
    <form method="get" className="mt-4 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="stats-from" className="block font-medium">
          From
        </label>
        <input
          id="stats-from"
          name="from"
          type="date"
          defaultValue={from}
          className={INPUT_CLASS}
        />
      </div>
      <div>
        <label htmlFor="stats-to" className="block font-medium">
          To (included)
        </label>
        <input id="stats-to" name="to" type="date" defaultValue={to} className={INPUT_CLASS} />
      </div>
      <button
        type="submit"
        className="min-h-11 rounded bg-blue-700 px-4 py-2 font-semibold text-white"
      >
        Show
      </button>
    </form>
  );
}
