import Link from "next/link";

/**
 * The page shown for a request the app cannot answer because its input is wrong (HTTP 400): it
 * names each problem and offers a way back. Problems are our own messages, never the raw input.
 */
export function BadRequestView({
  title,
  problems,
  back,
}: {
  title: string;
  problems: ReadonlyArray<string>;
  back: { href: string; label: string };
}) {
  return (
    <main id="main" className="mx-auto max-w-2xl p-4 sm:p-6">
      <p className="text-sm font-semibold tracking-wide text-slate-700 uppercase">
        Error 400 · Bad request
      </p>
      <h1 className="mt-1 text-2xl font-bold">{title}</h1>
      <div
        role="alert"
        className="mt-4 rounded border border-rose-300 bg-rose-50 p-4 text-rose-950"
      >
        <ul className="list-disc space-y-1 pl-5">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
      <p className="mt-6">
        <Link href={back.href} className="text-blue-800 underline">
          {back.label}
        </Link>
      </p>
    </main>
  );
}
