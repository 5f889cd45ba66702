import { AdminSection } from "@/components/admin/admin-section";
import {
  ActionForm,
  Field,
  SelectField,
  SubmitButton,
  type FormAction,
} from "@/components/forms/action-form";
import { memberOptions } from "@/lib/admin-bookings-page";
import { courtOptions } from "@/lib/blocks-page";
import type { LocalDate } from "@/lib/time";

/** A booking made by the club for a member or a walk-in guest (the court must be free). */
export function NewBookingSection({
  clubSlug,
  courts,
  members,
  today,
  actions,
}: {
  clubSlug: string;
  courts: ReadonlyArray<{ id: string; name: string }>;
  members: ReadonlyArray<{ id: string; name: string; email: string }>;
  today: LocalDate;
  actions: { create: FormAction };
}) {
  return (
    <AdminSection
      id="new-booking"
      title="Book a court for a member or a walk-in guest"
      className="mt-8 rounded border border-slate-300 bg-white p-4"
    >
      <p className="text-sm text-slate-700">
        The member&apos;s booking rules (horizon, quotas) do not apply to bookings made by the club;
        the court must be free.
      </p>
      <ActionForm
        action={actions.create}
        label="Book a court"
        className="grid gap-x-4 sm:grid-cols-2"
      >
        <input type="hidden" name="club" value={clubSlug} />
        <SelectField name="courtId" label="Court" options={courtOptions(courts)} />
        <Field required name="date" label="Date" type="date" defaultValue={today} />
        <Field required name="startTime" label="Start time" type="time" defaultValue="18:00" />
        <Field
          required
          name="durationMinutes"
          label="Duration (minutes)"
          type="number"
          defaultValue="60"
          min="10"
          max="720"
          step="5"
        />
        <SelectField name="memberId" label="Member" options={memberOptions(members)} />
        <Field name="guestName" label="Walk-in guest's name (when no member)" maxLength={120} />
        <div className="sm:col-span-2">
          <SubmitButton>Book the court</SubmitButton>
        </div>
      </ActionForm>
    </AdminSection>
  );
}
