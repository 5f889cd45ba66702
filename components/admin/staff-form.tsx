"use client";

import { createContext, useActionState, useContext, type ReactNode } from "react";
import { FormMessage } from "@/components/auth/action-form";
import { IDLE, type FormState } from "@/lib/form-state";

/**
 * Forms of the club admin's bookings and blocks screens: like components/auth/action-form.tsx (server action with
 * useActionState, works without JavaScript, field errors from the server's zod schema), with the
 * inputs these screens need (dates, times, numbers, selects). Submit buttons are given by the
 * caller, so one form may offer several (e.g. "cancel them" / "skip them", sent as name=value).
 */
type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

const StaffStateContext = createContext<FormState>(IDLE);

export function StaffForm({
  action,
  children,
  className,
  label,
}: {
  action: FormAction;
  children: ReactNode;
  className?: string;
  /** Accessible name of the form. */
  label?: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <StaffStateContext.Provider value={state}>
      <FormMessage state={state} />
      <form action={formAction} className={className} aria-busy={pending} aria-label={label}>
        {children}
      </form>
    </StaffStateContext.Provider>
  );
}

const fieldClass = (error: boolean) =>
  `mt-1 block w-full rounded border px-3 py-2 ${error ? "border-red-600" : "border-slate-400"}`;

function useField(name: string, defaultValue?: string, idSuffix?: string) {
  const state = useContext(StaffStateContext);
  const error = state.fields?.[name];
  const id = `staff-${name}${idSuffix ? `-${idSuffix}` : ""}`;
  const value = state.values?.[name] ?? defaultValue;
  return { state, error, id, value };
}

function Label({
  id,
  label,
  hint,
  error,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}) {
  return (
    <>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

export function StaffInput({
  name,
  label,
  type = "text",
  defaultValue,
  required = true,
  hint,
  maxLength,
  min,
  max,
  step,
  idSuffix,
}: {
  name: string;
  label: string;
  type?: "text" | "date" | "time" | "number";
  defaultValue?: string;
  required?: boolean;
  hint?: string;
  maxLength?: number;
  min?: string;
  max?: string;
  step?: string;
  idSuffix?: string;
}) {
  const { state, error, id, value } = useField(name, defaultValue, idSuffix);
  return (
    <div className="mt-3">
      <Label id={id} label={label} hint={hint} error={error} />
      <input
        key={`${state.status}:${value ?? ""}`}
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        required={required}
        maxLength={maxLength}
        min={min}
        max={max}
        step={step}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={fieldClass(!!error)}
      />
    </div>
  );
}

export function StaffSelect({
  name,
  label,
  options,
  defaultValue,
  hint,
  idSuffix,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  defaultValue?: string;
  hint?: string;
  idSuffix?: string;
}) {
  const { state, error, id, value } = useField(name, defaultValue, idSuffix);
  return (
    <div className="mt-3">
      <Label id={id} label={label} hint={hint} error={error} />
      <select
        key={`${state.status}:${value ?? ""}`}
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={fieldClass(!!error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function SubmitButton({
  children,
  name,
  value,
  variant = "primary",
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  variant?: "primary" | "danger" | "secondary";
}) {
  const cls =
    variant === "danger"
      ? "bg-red-700 hover:bg-red-800 text-white"
      : variant === "secondary"
        ? "bg-white border border-slate-400 text-slate-900 hover:bg-slate-100"
        : "bg-blue-700 hover:bg-blue-800 text-white";
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={`mt-4 min-h-11 rounded px-4 py-2 font-semibold focus:outline-none focus:ring-2 focus:ring-blue-500 disabled:opacity-60 ${cls}`}
    >
      {children}
    </button>
  );
}
