import Link from "next/link";

/** Shown (with status 404) for any address the app does not know. */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-2xl p-4 sm:p-6">
      <p className="text-sm font-semibold tracking-wide text-slate-700 uppercase">
        Error 404 · Not found
      </p>
      <h1 className="mt-1 text-2xl font-bold">Page not found</h1>
      <p className="mt-4">
        There is nothing at this address. Check the link you followed, or start again from the home
        page.
      </p>
      <p className="mt-6">
        <Link href="/" className="text-blue-800 underline">
          Go to the home page
        </Link>
      </p>
    </main>
  );
}
