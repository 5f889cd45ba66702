"use client";

import Link from "next/link";

/**
 * Shown when a page fails unexpectedly. Our own page (Next's default uses inline styles, which our
 * CSP blocks); it says what happened in plain language and offers a way on, never a stack trace.
 */
export default function ErrorPage({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main id="main" className="mx-auto max-w-2xl p-6">
      <h1 className="text-2xl font-bold">Something went wrong</h1>
      <p className="mt-2 text-slate-800">
        This page could not be shown just now. Nothing you entered was saved twice; you can try
        again.
      </p>
      <div className="mt-4 flex gap-3">
        <button
          type="button"
          onClick={() => reset()}
          className="min-h-11 rounded bg-blue-800 px-4 font-medium text-white hover:bg-blue-900"
        >
          Try again
        </button>
        <Link href="/" className="inline-flex min-h-11 items-center text-blue-800 underline">
          Go to the home page
        </Link>
      </div>
    </main>
  );
}
