"use client";

import "./globals.css";

/** Last-resort error page, used when the root layout itself fails. */
export default function GlobalError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <main id="main" className="mx-auto max-w-2xl p-6">
          <h1 className="text-2xl font-bold">Courtside is having trouble</h1>
          <p className="mt-2">Please try again in a moment.</p>
          <button
            type="button"
            onClick={() => reset()}
            className="mt-4 min-h-11 rounded bg-blue-800 px-4 font-medium text-white"
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
