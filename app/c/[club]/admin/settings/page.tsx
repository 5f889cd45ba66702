import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { ActionForm, Field, SelectField } from "@/components/forms/action-form";
import { SLOT_LENGTHS } from "@/schemas/admin-club-setup";
import { getClubSettings } from "@/server/admin/settings/get-club-settings";
import { updateClubSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Club settings" };

/** The club's name, time zone, contact addresses and planning slot length (MANAGER). */
export default async function SettingsPage({ params }: { params: Promise<{ club: string }> }) {
  const { club: slug } = await params;
  const { access, settings } = await getClubSettings(slug);
  return (
    <>
      <AdminNav slug={access.club.slug} role={access.role} current="/settings" />
      <main id="main" className="mx-auto max-w-2xl p-6">
        <h1 className="text-2xl font-bold">Club settings · {settings.name}</h1>
        <ActionForm
          compact
          messageAfter
          action={updateClubSettingsAction}
          submitLabel="Save settings"
          hidden={{ club: access.club.slug }}
          label="Club settings"
        >
          <Field name="name" label="Club name" defaultValue={settings.name} required />
          <Field
            name="timeZone"
            label="Time zone"
            hint="An IANA time zone, e.g. Europe/Paris"
            defaultValue={settings.timeZone}
            required
          />
          <Field
            name="contactEmail"
            label="Contact email"
            type="email"
            defaultValue={settings.contactEmail}
            required
          />
          <Field
            name="securityContactEmail"
            label="Security contact email"
            type="email"
            hint="Receives security alerts about the club"
            defaultValue={settings.securityContactEmail}
            required
          />
          <SelectField
            name="slotMinutes"
            label="Planning slot length"
            options={SLOT_LENGTHS.map((m) => ({ value: String(m), label: `${m} minutes` }))}
            defaultValue={String(settings.slotMinutes)}
          />
        </ActionForm>
        <section
          aria-labelledby="what-changes"
          className="mt-8 rounded border border-amber-300 bg-amber-50 p-4"
        >
          <h2 id="what-changes" className="font-semibold">
            What a new time zone or slot length changes
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-6 text-sm">
            <li>
              Bookings and blocks are stored as exact moments (UTC). Changing the time zone or the
              slot length never moves, shortens or cancels any of them: a booking at 10:00 Paris
              time shows as 09:00 after a switch to Europe/London, because it is the same moment.
            </li>
            <li>
              Opening hours, closure dates, peak times, prices and booking release times are local
              times: from now on they are read in the new time zone.
            </li>
            <li>
              A new slot length redraws the planning rows; existing bookings that do not line up
              with the new rows show as partly filling a slot. Currency: {settings.currency}.
            </li>
          </ul>
        </section>
      </main>
    </>
  );
}
