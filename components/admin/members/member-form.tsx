"use client";

import { useActionState, type ReactNode } from "react";
import { FormMessage } from "@/components/auth/action-form";
import { IDLE, type FormState } from "@/lib/form-state";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A form of the members screen: a server action with useActionState (works without JavaScript),
 * hidden fields for the club and the id edited, the action's message and field errors shown.
 */
export function MemberForm({
  action,
  submitLabel,
  hidden,
  label,
  variant = "primary",
  className,
  children,
}: {
  action: FormAction;
  submitLabel: string;
  hidden: Record<string, string>;
  label: string;
  variant?: "primary" | "danger" | "secondary";
  className?: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const buttonClass =
    variant === "danger"
      ? "bg-red-700 hover:bg-red-800 text-white"
      : variant === "secondary"
        ? "bg-white border border-slate-400 text-slate-900 hover:bg-slate-100"
        : "bg-blue-700 hover:bg-blue-800 text-white";
  const errors = Object.entries(state.fields ?? {});
  return (
    <div>
      <FormMessage state={state} />
      {errors.length ? (
        <ul className="mt-2 text-sm font-medium text-red-700">
          {errors.map(([field, message]) => (
            <li key={field}>
              {FIELD_LABELS[field] ?? field}: {message}
            </li>
          ))}
        </ul>
      ) : null}
      <form action={formAction} className={className} aria-busy={pending} aria-label={label}>
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {children}
        <button
          type="submit"
          disabled={pending}
          className={`min-h-11 rounded px-4 py-2 font-semibold focus:outline-none focus:ring-2 focus:ring-blue-500 disabled:opacity-60 ${buttonClass}`}
        >
          {submitLabel}
        </button>
      </form>
    </div>
  );
}

const FIELD_LABELS: Record<string, string> = {
  email: "Email address",
  name: "Name",
  role: "Role",
  tierId: "Tier",
  validUntil: "Valid until",
  membershipId: "Member",
  invitationId: "Invitation",
};
