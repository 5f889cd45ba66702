import Link from "next/link";

/** Sign-in pages: one narrow column, readable on a 360 px phone. */
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-md p-6">
      <p className="mb-6">
        <Link href="/" className="font-bold text-blue-800">
          Courtside
        </Link>
      </p>
      {children}
    </main>
  );
}
