import { Checkbox, Field } from "@/components/forms/action-form";
import { DEFAULT_TIER_RULES, type TierRules } from "@/lib/booking-policy";
import { formatMinuteOfDay } from "@/lib/time";

/** A tier as its form shows it: its name and description, and every rule of its policy. */
export type TierFormValues = TierRules & {
  name: string;
  description: string | null;
};

type NumberRule = {
  [K in keyof TierFormValues]: TierFormValues[K] extends number | null ? K : never;
}[keyof TierFormValues];

/** The number rules in form order (a new tier starts with DEFAULT_TIER_RULES; null: no limit). */
const NUMBER_RULES: ReadonlyArray<{
  name: NumberRule;
  label: string;
  hint?: string;
  max?: number;
}> = [
  {
    name: "maxActiveBookings",
    label: "Upcoming bookings at once",
    hint: "Empty = no limit",
  },
  { name: "maxPerDay", label: "Bookings per day", hint: "Empty = no limit" },
  {
    name: "maxPerWeek",
    label: "Bookings per week",
    hint: "Monday to Sunday; empty = no limit",
  },
  {
    name: "maxPeakPerWeek",
    label: "Peak-time bookings per week",
    hint: "Empty = no limit",
  },
  { name: "cancelNoticeMinutes", label: "Cancellation notice (minutes)", max: 43200 },
  { name: "maxGuestsPerBooking", label: "Guests per booking", max: 10 },
];

type BooleanRule = {
  [K in keyof TierFormValues]: TierFormValues[K] extends boolean ? K : never;
}[keyof TierFormValues];

const BOOLEAN_RULES: ReadonlyArray<{ name: BooleanRule; label: string }> = [
  { name: "noBackToBack", label: "No back-to-back bookings" },
  {
    name: "partnerBookingsCount",
    label: "Bookings as a partner count towards the limits",
  },
  { name: "partnersMustBeActive", label: "Partners must be active members" },
];

const num = (v: number | null) => (v === null ? "" : String(v));

/** Every booking rule of a tier (lib/booking-policy.ts TierPolicy), as form fields. */
export function TierFields({ tier, suffix }: { tier: TierFormValues | null; suffix: string }) {
  const rules = tier ?? DEFAULT_TIER_RULES;
  return (
    <>
      <Field name="name" label="Name" defaultValue={tier?.name ?? ""} required idSuffix={suffix} />
      <Field
        name="description"
        label="Description (optional)"
        defaultValue={tier?.description ?? ""}
        idSuffix={suffix}
      />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field
          name="horizonDays"
          label="Booking horizon (days ahead)"
          type="number"
          min={0}
          max={365}
          hint="0 = today only"
          defaultValue={String(rules.horizonDays)}
          idSuffix={suffix}
        />
        <Field
          name="releaseTime"
          label="Days open for booking at"
          type="time"
          hint="Local time, horizon days before the day"
          defaultValue={formatMinuteOfDay(rules.releaseMinute)}
          idSuffix={suffix}
        />
        {NUMBER_RULES.map((rule) => (
          <Field
            key={rule.name}
            name={rule.name}
            label={rule.label}
            type="number"
            min={0}
            max={rule.max}
            hint={rule.hint}
            defaultValue={num(rules[rule.name])}
            idSuffix={suffix}
          />
        ))}
      </div>
      {BOOLEAN_RULES.map((rule) => (
        <Checkbox
          key={rule.name}
          name={rule.name}
          label={rule.label}
          defaultChecked={rules[rule.name]}
          idSuffix={suffix}
        />
      ))}
    </>
  );
}
