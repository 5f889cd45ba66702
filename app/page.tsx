import Link from "next/link";

export default function HomePage() {
  return (
    <main id="main" className="mx-auto max-w-2xl p-6">
      <h1 className="text-3xl font-bold">Courtside</h1>
      <p className="mt-2 text-slate-700">Book tennis, padel and squash courts at your club.</p>
      <ul className="mt-6 list-disc pl-6">
        <li>
          <Link className="text-blue-700 underline" href="/c/demo">
            Demo Tennis &amp; Padel Club
          </Link>
        </li>
      </ul>
    </main>
  );
}
