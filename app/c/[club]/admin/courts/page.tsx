import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { SetupDone } from "@/components/admin/setup-done";
import { Checkbox, ActionForm, Field, SelectField } from "@/components/forms/action-form";
import { sportLabel, surfaceLabel } from "@/lib/court-labels";
import { SPORTS, SURFACES } from "@/schemas/admin-club-setup";
import { listCourts } from "@/server/admin/courts/list-courts";
import {
  createCourtAction,
  deleteCourtAction,
  moveCourtAction,
  setCourtActiveAction,
  updateCourtAction,
} from "./actions";

export const metadata: Metadata = { title: "Courts" };

const SPORT_OPTIONS = SPORTS.map((s) => ({ value: s, label: sportLabel(s) }));
const SURFACE_OPTIONS = SURFACES.map((s) => ({ value: s, label: surfaceLabel(s) }));

/** Courts of the club (MANAGER): add, edit, reorder, deactivate; delete only if never booked. */
export default async function CourtsPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { club: slug } = await params;
  const { done } = await searchParams;
  const { access, courts } = await listCourts(slug);
  const hidden = { club: access.club.slug };
  return (
    <>
      <AdminNav slug={access.club.slug} role={access.role} current="/courts" />
      <main id="main" className="mx-auto max-w-4xl p-6">
        <h1 className="text-2xl font-bold">Courts · {access.club.name}</h1>
        <SetupDone done={done} messages={{ "court-deleted": "Court deleted." }} />
        <p className="mt-2 text-slate-700">
          Courts appear on the planning in this order. A court that has bookings cannot be deleted:
          deactivate it instead — it leaves the planning and keeps its history.
        </p>

        <section aria-labelledby="courts-list" className="mt-6">
          <h2 id="courts-list" className="text-xl font-semibold">
            The club&apos;s courts
          </h2>
          {courts.length === 0 ? <p className="mt-2">No courts yet.</p> : null}
          <ol className="mt-3 space-y-4">
            {courts.map((court, i) => (
              <li key={court.id} className="rounded border border-slate-300 bg-white p-4">
                <h3 className="text-lg font-semibold">
                  {court.name}{" "}
                  {court.active ? null : (
                    <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-sm">Inactive</span>
                  )}
                </h3>
                <p className="text-sm text-slate-700">
                  {sportLabel(court.sport)} · {surfaceLabel(court.surface)} ·{" "}
                  {court.indoor ? "indoor" : "outdoor"}
                  {court.floodlights ? " · floodlights" : ""} · {court.bookingCount} booking(s) ever
                </p>
                <details className="mt-2">
                  <summary className="cursor-pointer text-blue-800 underline">
                    Edit {court.name}
                  </summary>
                  <ActionForm
                    compact
                    messageAfter
                    action={updateCourtAction}
                    submitLabel="Save court"
                    hidden={{ ...hidden, courtId: court.id }}
                    label={`Edit ${court.name}`}
                  >
                    <Field
                      name="name"
                      label="Name"
                      defaultValue={court.name}
                      required
                      idSuffix={court.id}
                    />
                    <SelectField
                      name="sport"
                      label="Sport"
                      options={SPORT_OPTIONS}
                      defaultValue={court.sport}
                      idSuffix={court.id}
                    />
                    <SelectField
                      name="surface"
                      label="Surface"
                      options={SURFACE_OPTIONS}
                      defaultValue={court.surface}
                      idSuffix={court.id}
                    />
                    <Checkbox
                      name="indoor"
                      label="Indoor"
                      defaultChecked={court.indoor}
                      idSuffix={court.id}
                    />
                    <Checkbox
                      name="floodlights"
                      label="Floodlights"
                      defaultChecked={court.floodlights}
                      idSuffix={court.id}
                    />
                  </ActionForm>
                </details>
                <div className="mt-2 flex flex-wrap gap-3">
                  {i > 0 ? (
                    <ActionForm
                      compact
                      messageAfter
                      action={moveCourtAction}
                      submitLabel={`Move ${court.name} up`}
                      hidden={{ ...hidden, courtId: court.id, direction: "up" }}
                      variant="secondary"
                    />
                  ) : null}
                  {i < courts.length - 1 ? (
                    <ActionForm
                      compact
                      messageAfter
                      action={moveCourtAction}
                      submitLabel={`Move ${court.name} down`}
                      hidden={{ ...hidden, courtId: court.id, direction: "down" }}
                      variant="secondary"
                    />
                  ) : null}
                  <ActionForm
                    compact
                    messageAfter
                    action={setCourtActiveAction}
                    submitLabel={
                      court.active ? `Deactivate ${court.name}` : `Reactivate ${court.name}`
                    }
                    hidden={{
                      ...hidden,
                      courtId: court.id,
                      active: court.active ? "false" : "true",
                    }}
                    variant="secondary"
                  />
                  {court.bookingCount === 0 ? (
                    <ActionForm
                      compact
                      messageAfter
                      action={deleteCourtAction}
                      submitLabel={`Delete ${court.name}`}
                      hidden={{ ...hidden, courtId: court.id }}
                      variant="danger"
                    />
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        </section>

        <section
          aria-labelledby="add-court"
          className="mt-8 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="add-court" className="text-xl font-semibold">
            Add a court
          </h2>
          <ActionForm
            compact
            messageAfter
            action={createCourtAction}
            submitLabel="Add court"
            hidden={hidden}
            label="Add a court"
          >
            <Field name="name" label="Name" required />
            <SelectField name="sport" label="Sport" options={SPORT_OPTIONS} defaultValue="TENNIS" />
            <SelectField
              name="surface"
              label="Surface"
              options={SURFACE_OPTIONS}
              defaultValue="HARD"
            />
            <Checkbox name="indoor" label="Indoor" />
            <Checkbox name="floodlights" label="Floodlights" />
          </ActionForm>
        </section>
      </main>
    </>
  );
}
