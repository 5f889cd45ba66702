import type { Metadata } from "next";
import { TokenConfirmPage } from "@/components/auth/token-confirm-page";
import { confirmEmailChangeAction } from "../actions";

// The link's token must never leave in a Referer, yet the form's POST must keep its Origin:
// "no-referrer" makes browsers send `Origin: null`, which Next.js and our CSRF check refuse.
export const metadata: Metadata = {
  title: "Confirm your new email address",
  referrer: "strict-origin",
};

export default function ConfirmEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <TokenConfirmPage
      heading="Confirm your new email address"
      action={confirmEmailChangeAction}
      submitLabel="Confirm my new email address"
      searchParams={searchParams}
    />
  );
}
