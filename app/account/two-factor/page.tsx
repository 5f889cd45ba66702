import type { Metadata } from "next";
import { TwoFactorPanel } from "@/components/auth/two-factor-panel";
import { isSafeNext } from "@/server/auth/require-user";
import { startTotpEnrolment } from "@/server/auth/start-totp-enrolment";
import { confirmTotpAction, disableTotpAction } from "../actions";

export const metadata: Metadata = { title: "Two-factor authentication" };

export default async function TwoFactorSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const next =
    typeof params.next === "string" && isSafeNext(params.next) ? params.next : "/account";
  const enrolment = await startTotpEnrolment();
  const view =
    enrolment.state === "enabled"
      ? enrolment
      : { state: "pending" as const, secret: enrolment.secret, qrDataUrl: enrolment.qrDataUrl };
  return (
    <main id="main" className="mx-auto max-w-2xl p-6">
      <TwoFactorPanel
        view={view}
        next={next}
        required={params.required === "1"}
        confirmAction={confirmTotpAction}
        disableAction={disableTotpAction}
      />
    </main>
  );
}
