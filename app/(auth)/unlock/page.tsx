import type { Metadata } from "next";
import { TokenConfirmPage } from "@/components/auth/token-confirm-page";
import { unlockAction } from "../actions";

// The link's token must never leave in a Referer, yet the form's POST must keep its Origin:
// "no-referrer" makes browsers send `Origin: null`, which Next.js and our CSRF check refuse.
export const metadata: Metadata = { title: "Unlock your account", referrer: "strict-origin" };

export default function UnlockPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <TokenConfirmPage
      heading="Unlock your account"
      action={unlockAction}
      submitLabel="Unlock my account"
      searchParams={searchParams}
    />
  );
}
