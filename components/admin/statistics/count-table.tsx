/** A two-column table of counts: a label per row (a row header) and its count. */
export function CountTable({
  head,
  rows,
}: {
  head: readonly [label: string, count: string];
  rows: ReadonlyArray<{ key: string; label: string; count: number }>;
}) {
  return (
    <table className="mt-2 w-full border-collapse text-sm">
      <thead>
        <tr className="border-b text-left">
          <th scope="col">{head[0]}</th>
          <th scope="col">{head[1]}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-b">
            <th scope="row" className="text-left font-medium">
              {r.label}
            </th>
            <td>{r.count}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
