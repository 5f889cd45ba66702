import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { SetupDone } from "@/components/admin/setup-done";
import {
  Checkbox,
  FieldError,
  ActionForm,
  Field,
  SelectField,
} from "@/components/forms/action-form";
import { formatMinuteOfDay } from "@/lib/time";
import { WEEKDAY_NAMES } from "@/lib/court-labels";
import { getOpeningHours } from "@/server/admin/hours/get-opening-hours";
import {
  addClosureAction,
  removeClosureAction,
  setClubHoursAction,
  setCourtHoursAction,
} from "./actions";

export const metadata: Metadata = { title: "Opening hours" };

const MODE_OPTIONS = [
  { value: "club", label: "Club hours" },
  { value: "closed", label: "Closed" },
  { value: "custom", label: "Own hours" },
];

/** Weekly opening hours, per-court overrides and closure dates (MANAGER). */
export default async function HoursPage({
  params,
  searchParams,
}: {
  params: Promise<{ club: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { club: slug } = await params;
  const { done } = await searchParams;
  const { access, hours, courts, closures } = await getOpeningHours(slug);
  const hidden = { club: access.club.slug };
  return (
    <>
      <AdminNav slug={access.club.slug} role={access.role} current="/hours" />
      <main id="main" className="mx-auto max-w-4xl p-6">
        <h1 className="text-2xl font-bold">Opening hours · {access.club.name}</h1>
        <SetupDone done={done} messages={{ "closure-removed": "Closure removed." }} />
        <p className="mt-2 text-slate-700">
          Times are local to the club ({access.club.timeZone}) and the planning follows them at
          once, daylight-saving changes included. Bookings already made keep their time.
        </p>

        <section
          aria-labelledby="club-hours"
          className="mt-6 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="club-hours" className="text-xl font-semibold">
            Club hours
          </h2>
          <ActionForm
            compact
            messageAfter
            action={setClubHoursAction}
            submitLabel="Save club hours"
            hidden={hidden}
            label="Club hours"
          >
            {WEEKDAY_NAMES.map((name, i) => {
              const d = i + 1;
              const h = hours.find((x) => x.weekday === d);
              return (
                <fieldset key={d} className="mt-3 grid grid-cols-3 items-end gap-3 border-t pt-2">
                  <legend className="sr-only">{name}</legend>
                  <Checkbox
                    name={`open-${d}`}
                    label={`Open on ${name}`}
                    defaultChecked={h !== undefined}
                  />
                  <Field
                    name={`opens-${d}`}
                    label={`${name} opens`}
                    type="time"
                    defaultValue={formatMinuteOfDay(h?.opensMinute ?? 480)}
                  />
                  <Field
                    name={`closes-${d}`}
                    label={`${name} closes`}
                    type="text"
                    hint="HH:mm, 24:00 for midnight"
                    defaultValue={formatMinuteOfDay(h?.closesMinute ?? 1320)}
                  />
                </fieldset>
              );
            })}
          </ActionForm>
        </section>

        <section aria-labelledby="court-hours" className="mt-8">
          <h2 id="court-hours" className="text-xl font-semibold">
            Court hours
          </h2>
          <p className="text-slate-700">
            A court follows the club&apos;s hours unless set otherwise here.
          </p>
          {courts.map((court) => (
            <details key={court.id} className="mt-3 rounded border border-slate-300 bg-white p-4">
              <summary className="cursor-pointer font-semibold">
                Hours of {court.name}
                {court.active ? "" : " (inactive)"}
              </summary>
              <ActionForm
                compact
                messageAfter
                action={setCourtHoursAction}
                submitLabel={`Save hours of ${court.name}`}
                hidden={{ ...hidden, courtId: court.id }}
                label={`Hours of ${court.name}`}
              >
                {WEEKDAY_NAMES.map((name, i) => {
                  const d = i + 1;
                  const o = court.openingHours.find((x) => x.weekday === d);
                  const mode = !o ? "club" : o.closed ? "closed" : "custom";
                  return (
                    <fieldset
                      key={d}
                      className="mt-3 grid grid-cols-3 items-end gap-3 border-t pt-2"
                    >
                      <legend className="sr-only">{name}</legend>
                      <SelectField
                        name={`mode-${d}`}
                        label={`${name}`}
                        options={MODE_OPTIONS}
                        defaultValue={mode}
                        idSuffix={court.id}
                      />
                      <Field
                        name={`opens-${d}`}
                        label={`${name} opens (own hours)`}
                        type="time"
                        defaultValue={
                          o?.opensMinute != null ? formatMinuteOfDay(o.opensMinute) : ""
                        }
                        idSuffix={court.id}
                      />
                      <Field
                        name={`closes-${d}`}
                        label={`${name} closes (own hours)`}
                        hint="HH:mm, 24:00 for midnight"
                        defaultValue={
                          o?.closesMinute != null ? formatMinuteOfDay(o.closesMinute) : ""
                        }
                        idSuffix={court.id}
                      />
                    </fieldset>
                  );
                })}
              </ActionForm>
            </details>
          ))}
        </section>

        <section
          aria-labelledby="closures"
          className="mt-8 rounded border border-slate-300 bg-white p-4"
        >
          <h2 id="closures" className="text-xl font-semibold">
            Closure dates and holidays
          </h2>
          {closures.length === 0 ? <p className="mt-2">No closure dates ahead.</p> : null}
          <ul className="mt-2 space-y-2">
            {closures.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {c.date} · {c.court ? c.court.name : "whole club"} · {c.reason}
                </span>
                <ActionForm
                  compact
                  messageAfter
                  action={removeClosureAction}
                  submitLabel={`Remove closure of ${c.date}`}
                  hidden={{ ...hidden, closureId: c.id }}
                  variant="secondary"
                />
              </li>
            ))}
          </ul>
          <h3 className="mt-4 font-semibold">Add a closure date</h3>
          <ActionForm
            compact
            messageAfter
            action={addClosureAction}
            submitLabel="Add closure"
            hidden={hidden}
            label="Add a closure date"
          >
            <Field name="date" label="Date" type="date" required />
            <SelectField
              name="courtId"
              label="Closed"
              options={[
                { value: "", label: "The whole club" },
                ...courts.map((c) => ({ value: c.id, label: c.name })),
              ]}
            />
            <Field name="reason" label="Reason shown to players" required />
            <FieldError name="input" />
          </ActionForm>
        </section>
      </main>
    </>
  );
}
