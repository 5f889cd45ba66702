import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AdminNav } from "@/components/admin/admin-nav";
import {
  ActionForm,
  Checkbox,
  Field,
  FieldError,
  SelectField,
} from "@/components/forms/action-form";
import type { SecretHint } from "@/server/admin/payments/gateway-secrets";
import { getPaymentSettings } from "@/server/admin/payments/get-payment-settings";
import {
  savePayboxSettingsAction,
  savePaypalSettingsAction,
  saveRefundPolicyAction,
} from "./actions";

export const metadata: Metadata = { title: "Payment settings" };

/** Minutes as hours for the form and the text, e.g. 90 → "1.5". */
const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);
const hoursText = (minutes: number) => `${hours(minutes)} hour${minutes === 60 ? "" : "s"}`;

function policyInWords(p: {
  fullNoticeMinutes: number;
  partialNoticeMinutes: number;
  partialPercent: number;
}): string[] {
  const lines = [
    `A booking cancelled at least ${hoursText(p.fullNoticeMinutes)} before it starts is refunded in full.`,
  ];
  if (p.partialPercent > 0 && p.partialNoticeMinutes < p.fullNoticeMinutes)
    lines.push(
      `Cancelled less than ${hoursText(p.fullNoticeMinutes)} but at least ${hoursText(p.partialNoticeMinutes)} before: ${p.partialPercent} % of what was paid is refunded.`,
    );
  lines.push(
    `Cancelled later than ${hoursText(
      p.partialPercent > 0 ? p.partialNoticeMinutes : p.fullNoticeMinutes,
    )} before the start: no refund.`,
  );
  lines.push("A booking the club cancels is always refunded in full.");
  return lines;
}

function secretText(h: SecretHint): string {
  if (h.state === "unset") return "Not set.";
  if (h.state === "unreadable")
    return "Stored, but unreadable with the current PAYMENT_CREDENTIALS_KEY: enter it again.";
  return h.last4 ? `Stored (ending ••••${h.last4}).` : "Stored.";
}

const MODES = [
  { value: "SANDBOX", label: "Sandbox (test payments)" },
  { value: "LIVE", label: "Live (real payments)" },
];

/**
 * Payment settings of a club (ADR 011, 012). Who may do what:
 * - the refund policy: MANAGER and above (a commercial rule, like prices);
 * - the gateways (PayPal, Paybox): OWNER only, because these are the club's merchant credentials;
 *   managers see the non-secret settings read-only.
 * Secrets are write-only: the page never receives them, only whether one is stored and its last
 * four characters; a blank secret field keeps the stored secret.
 */
export default async function PaymentSettingsPage({
  params,
}: {
  params: Promise<{ club: string }>;
}) {
  const { club: slug } = await params;
  const s = await getPaymentSettings(slug);
  const clubSlug = s.access.club.slug;
  const live = s.deploymentEnv === "production";
  return (
    <>
      <AdminNav slug={clubSlug} role={s.access.role} current="/settings/payments" />
      <main id="main" className="mx-auto max-w-3xl p-6">
        <h1 className="text-2xl font-bold">Payment settings · {s.access.club.name}</h1>
        <p className="mt-2 text-sm text-slate-700">
          Managers set the refund policy. Only the club owner changes the payment gateways; managers
          see their settings, never their secrets. Amounts are in {s.currency}.
        </p>

        <section
          aria-labelledby="refund-policy"
          className="mt-6 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="refund-policy" className="text-xl font-semibold">
            Refund policy
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-6 text-sm" aria-label="The policy in words">
            {policyInWords(s.policy).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <ActionForm
            compact
            messageAfter
            action={saveRefundPolicyAction}
            submitLabel="Save refund policy"
            hidden={{ club: clubSlug }}
            label="Refund policy"
            className="grid gap-x-4 sm:grid-cols-3"
          >
            <Field
              required
              name="fullNoticeHours"
              label="Full refund: notice (hours)"
              defaultValue={hours(s.policy.fullNoticeMinutes)}
              inputMode="decimal"
              maxLength={7}
            />
            <Field
              required
              name="partialNoticeHours"
              label="Partial refund: notice (hours)"
              defaultValue={hours(s.policy.partialNoticeMinutes)}
              inputMode="decimal"
              maxLength={7}
            />
            <Field
              required
              name="partialPercent"
              label="Partial refund (%)"
              type="number"
              min={0}
              max={100}
              step={1}
              defaultValue={String(s.policy.partialPercent)}
            />
          </ActionForm>
        </section>

        {!s.credentialsKeySet ? (
          <p role="alert" className="mt-6 rounded border border-red-300 bg-red-50 p-3 text-red-900">
            PAYMENT_CREDENTIALS_KEY is not set on this server: gateway secrets can be neither stored
            nor used. Set it (openssl rand -base64 32) and restart.
          </p>
        ) : null}
        <p className="mt-6 text-sm text-slate-700">
          {live
            ? "This is a production deployment: gateway URLs must be the gateways' own hosts over https."
            : `This is a ${s.deploymentEnv} deployment: only sandbox (test) credentials are accepted; live credentials may only be used by a production deployment.`}
        </p>

        <section
          aria-labelledby="paypal"
          className="mt-4 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="paypal" className="text-xl font-semibold">
            PayPal
          </h2>
          {s.canEditGateways ? (
            <ActionForm
              compact
              messageAfter
              action={savePaypalSettingsAction}
              submitLabel="Save PayPal settings"
              hidden={{ club: clubSlug }}
              label="PayPal settings"
            >
              <Checkbox
                name="enabled"
                idSuffix="paypal"
                label="Accept payments by PayPal"
                defaultChecked={s.paypal.enabled}
              />
              <SelectField
                name="mode"
                idSuffix="paypal"
                label="Mode"
                options={MODES}
                defaultValue={s.paypal.mode}
              />
              <Field
                required
                name="clientId"
                label="Client id"
                defaultValue={s.paypal.clientId}
                maxLength={200}
              />
              <Field
                type="password"
                name="clientSecret"
                label="Client secret"
                hint={`${secretText(s.paypal.clientSecret)} Leave blank to keep the stored secret.`}
                autoComplete="new-password"
                maxLength={500}
              />
              <Field
                required
                name="webhookId"
                label="Webhook id"
                hint="From the PayPal dashboard, for webhooks sent to /api/webhooks/paypal"
                defaultValue={s.paypal.webhookId}
                maxLength={50}
              />
              <Field
                name="apiBaseUrl"
                label="API base URL (optional)"
                hint="Leave blank for PayPal's own API of the chosen mode"
                defaultValue={s.paypal.apiBaseUrl}
                maxLength={300}
              />
            </ActionForm>
          ) : (
            <ReadOnly
              rows={[
                [
                  "Status",
                  s.paypal.configured
                    ? s.paypal.enabled
                      ? "Enabled"
                      : "Disabled"
                    : "Not configured",
                ],
                ["Mode", s.paypal.mode],
                ["Client id", s.paypal.clientId || "—"],
                ["Client secret", secretText(s.paypal.clientSecret)],
                ["Webhook id", s.paypal.webhookId || "—"],
                ["API base URL", s.paypal.apiBaseUrl || "PayPal's own"],
              ]}
            />
          )}
        </section>

        <section
          aria-labelledby="paybox"
          className="mt-6 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="paybox" className="text-xl font-semibold">
            Paybox (Verifone)
          </h2>
          {s.canEditGateways ? (
            <ActionForm
              compact
              messageAfter
              action={savePayboxSettingsAction}
              submitLabel="Save Paybox settings"
              hidden={{ club: clubSlug }}
              label="Paybox settings"
            >
              <Checkbox
                name="enabled"
                idSuffix="paybox"
                label="Accept payments by Paybox"
                defaultChecked={s.paybox.enabled}
              />
              <SelectField
                name="mode"
                idSuffix="paybox"
                label="Mode"
                options={MODES}
                defaultValue={s.paybox.mode}
              />
              <div className="grid gap-x-4 sm:grid-cols-3">
                <Field
                  required
                  name="site"
                  label="Site (7 digits)"
                  defaultValue={s.paybox.site}
                  inputMode="numeric"
                  maxLength={7}
                />
                <Field
                  required
                  name="rang"
                  label="Rang"
                  defaultValue={s.paybox.rang}
                  inputMode="numeric"
                  maxLength={3}
                />
                <Field
                  required
                  name="identifiant"
                  label="Identifiant"
                  defaultValue={s.paybox.identifiant}
                  inputMode="numeric"
                  maxLength={9}
                />
              </div>
              <Field
                type="password"
                name="hmacSecret"
                label="HMAC key (hexadecimal)"
                hint={`${secretText(s.paybox.hmacKey)} Leave blank to keep the stored key.`}
                autoComplete="new-password"
                maxLength={1024}
              />
              <div className="mt-3">
                <label htmlFor="field-publicKeyPem" className="block text-sm font-medium">
                  Paybox public key (PEM)
                </label>
                <p id="field-publicKeyPem-hint" className="text-xs text-slate-600">
                  Paybox&apos;s published key that signs payment notifications: -----BEGIN PUBLIC
                  KEY----- …
                </p>
                <FieldError name="publicKeyPem" />
                <textarea
                  id="field-publicKeyPem"
                  name="publicKeyPem"
                  required
                  rows={6}
                  maxLength={5000}
                  defaultValue={s.paybox.publicKeyPem}
                  aria-describedby="field-publicKeyPem-hint"
                  className="mt-1 block w-full rounded border border-slate-400 px-3 py-2 font-mono text-xs"
                />
              </div>
              <Field
                name="pageUrl"
                label="Payment page URL (optional)"
                hint="Leave blank for Paybox's own page of the chosen mode"
                defaultValue={s.paybox.pageUrl}
                maxLength={300}
              />
              <h3 className="mt-4 font-semibold">Paybox Direct</h3>
              <p className="text-sm text-slate-700">
                Required: a Paybox payment is confirmed only once Paybox Direct, asked with the
                club&apos;s key, confirms that the transaction belongs to the club&apos;s site and
                rang. Without &quot;Send refunds by Paybox Direct&quot;, Paybox refunds wait in the
                payments list to be paid back by hand.
              </p>
              <Field
                type="password"
                name="directSecret"
                label="Paybox Direct key (CLE)"
                hint={`${secretText(s.paybox.directKey)} Leave blank to keep the stored key.`}
                autoComplete="new-password"
                maxLength={100}
              />
              <Checkbox
                name="directEnabled"
                label="Send refunds by Paybox Direct"
                defaultChecked={s.paybox.directEnabled}
              />
              <Field
                name="directUrl"
                label="Paybox Direct URL (optional)"
                hint="Leave blank for Paybox's own service of the chosen mode"
                defaultValue={s.paybox.directUrl}
                maxLength={300}
              />
            </ActionForm>
          ) : (
            <ReadOnly
              rows={[
                [
                  "Status",
                  s.paybox.configured
                    ? s.paybox.enabled
                      ? "Enabled"
                      : "Disabled"
                    : "Not configured",
                ],
                ["Mode", s.paybox.mode],
                [
                  "Site / rang / identifiant",
                  s.paybox.configured
                    ? `${s.paybox.site} / ${s.paybox.rang} / ${s.paybox.identifiant}`
                    : "—",
                ],
                ["HMAC key", secretText(s.paybox.hmacKey)],
                ["Payment page URL", s.paybox.pageUrl || "Paybox's own"],
                ["Paybox Direct refunds", s.paybox.directEnabled ? "On" : "Off"],
                ["Paybox Direct key", secretText(s.paybox.directKey)],
              ]}
            />
          )}
        </section>
      </main>
    </>
  );
}

function ReadOnly({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <>
      <p className="mt-2 text-sm text-slate-700">Only the club owner can change these settings.</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-slate-600">{term}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
