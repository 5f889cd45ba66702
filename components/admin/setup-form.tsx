"use client";

import { createContext, useActionState, useContext, type ReactNode } from "react";
import { FormMessage } from "@/components/auth/action-form";
import { IDLE, type FormState } from "@/lib/form-state";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

const StateContext = createContext<FormState>(IDLE);

/**
 * A form of the club-setup screens (courts, hours, tiers, prices, settings), bound to a server
 * action with useActionState: it works without JavaScript (native POST, the page comes back with
 * the action's state), carries hidden fields (the club, the id it edits), and shows the server's
 * field errors next to each field. After an error the fields show what was typed; otherwise the
 * current values from the page.
 */
export function SetupForm({
  action,
  submitLabel,
  hidden,
  children,
  variant = "primary",
  className,
  label,
}: {
  action: FormAction;
  submitLabel: string;
  hidden: Record<string, string>;
  children?: ReactNode;
  variant?: "primary" | "danger" | "secondary";
  className?: string;
  /** Accessible name of the form, when the page has several. */
  label?: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const buttonClass =
    variant === "danger"
      ? "bg-red-700 hover:bg-red-800 text-white"
      : variant === "secondary"
        ? "bg-white border border-slate-400 text-slate-900 hover:bg-slate-100"
        : "bg-blue-700 hover:bg-blue-800 text-white";
  return (
    <StateContext.Provider value={state}>
      <form action={formAction} className={className} aria-busy={pending} aria-label={label}>
        {Object.entries(hidden).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        {children}
        <button
          type="submit"
          disabled={pending}
          className={`mt-3 min-h-11 rounded px-4 py-2 font-semibold focus:outline-none focus:ring-2 focus:ring-blue-500 disabled:opacity-60 ${buttonClass}`}
        >
          {submitLabel}
        </button>
      </form>
      <FormMessage state={state} />
    </StateContext.Provider>
  );
}

function useField(name: string, defaultValue: string) {
  const state = useContext(StateContext);
  const error = state.fields?.[name];
  const value = state.status === "error" ? (state.values?.[name] ?? "") : defaultValue;
  return { state, error, value, id: `field-${name}` };
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
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
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

export function SetupInput({
  name,
  label,
  defaultValue = "",
  type = "text",
  hint,
  required = false,
  min,
  max,
  inputMode,
  idSuffix,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  type?: "text" | "email" | "number" | "time" | "date";
  hint?: string;
  required?: boolean;
  min?: number;
  max?: number;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  /** Makes the id unique when several forms on a page share field names. */
  idSuffix?: string;
}) {
  const { state, error, value, id: base } = useField(name, defaultValue);
  const id = idSuffix ? `${base}-${idSuffix}` : base;
  return (
    <div className="mt-3">
      <Label id={id} label={label} hint={hint} error={error} />
      <input
        key={`${state.status}:${value}`}
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        required={required}
        min={min}
        max={max}
        step={type === "time" ? 60 : undefined}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`mt-1 block w-full rounded border px-3 py-2 ${error ? "border-red-600" : "border-slate-400"}`}
      />
    </div>
  );
}

export function SetupSelect({
  name,
  label,
  options,
  defaultValue = "",
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
  const { state, error, value, id: base } = useField(name, defaultValue);
  const id = idSuffix ? `${base}-${idSuffix}` : base;
  return (
    <div className="mt-3">
      <Label id={id} label={label} hint={hint} error={error} />
      <select
        key={`${state.status}:${value}`}
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`mt-1 block w-full rounded border bg-white px-3 py-2 ${error ? "border-red-600" : "border-slate-400"}`}
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

export function SetupCheckbox({
  name,
  label,
  defaultChecked = false,
  value = "on",
  idSuffix,
}: {
  name: string;
  label: string;
  defaultChecked?: boolean;
  /** For a group of checkboxes sharing one name (e.g. weekdays). */
  value?: string;
  idSuffix?: string;
}) {
  const state = useContext(StateContext);
  const id = `field-${name}${idSuffix ? `-${idSuffix}` : ""}`;
  const checked =
    state.status === "error" && value === "on" ? state.values?.[name] === "on" : defaultChecked;
  return (
    <div className="mt-2 flex min-h-6 items-center gap-2">
      <input
        key={`${state.status}:${checked}`}
        id={id}
        name={name}
        type="checkbox"
        value={value}
        defaultChecked={checked}
        className="h-4 w-4"
      />
      <label htmlFor={id} className="text-sm">
        {label}
      </label>
    </div>
  );
}

/** An error of a field that has no input of its own (e.g. a group of checkboxes). */
export function SetupFieldError({ name }: { name: string }) {
  const state = useContext(StateContext);
  const error = state.fields?.[name];
  return error ? (
    <p role="alert" className="text-sm font-medium text-red-700">
      {error}
    </p>
  ) : null;
}
