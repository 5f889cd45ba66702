import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Courtside", template: "%s · Courtside" },
  description: "Book tennis, padel and squash courts at your club.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Reading the request headers makes every page dynamic, so that Next stamps the per-request
  // CSP nonce (set by proxy.ts) on its scripts. A prerendered page would carry none and its
  // scripts would be blocked under 'strict-dynamic'.
  await headers();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
