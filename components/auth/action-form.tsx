"use client";

import { createContext, useActionState, useContext, type ReactNode } from "react";
import { IDLE, type FormState } from "@/lib/form-state";

type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

const StateContext = createContext<FormState>(IDLE);

/** Gives Field and Checkbox the state of a form whose useActionState lives in the caller. */
export function FormStateScope({ state, children }: { state: FormState; children: ReactNode }) {
  return <StateContext.Provider value={state}>{children}</StateContext.Provider>;
}

/** The message (error or success) of a form state, announced to screen readers. */
export function FormMessage({ state }: { state: FormState }) {
  if (!state.message) return null;
  return (
    <div
      role={state.status === "error" ? "alert" : "status"}
      className={`mt-4 rounded border p-3 ${state.status === "error" ? "border-red-300 bg-red-50 text-red-900" : "border-green-300 bg-green-50 text-green-900"}`}
    >
      <p>{state.message}</p>
      {state.list?.length ? (
        <ul className="mt-2 grid grid-cols-2 gap-1 font-mono" aria-label="Codes">
          {state.list.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A form bound to a server action with useActionState. It works without JavaScript (a native
 * POST; the page comes back with the action's state), shows the field errors of the server's zod
 * schema next to each field and never echoes passwords back.
 */
export function ActionForm({
  action,
  submitLabel,
  children,
  successContent,
  hideOnSuccess = false,
  variant = "primary",
  className,
}: {
  action: FormAction;
  submitLabel: string;
  children?: ReactNode;
  /** Shown instead of the form (hideOnSuccess) or above it once the action succeeded. */
  successContent?: ReactNode;
  hideOnSuccess?: boolean;
  variant?: "primary" | "danger" | "secondary";
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const success = state.status === "success";
  const buttonClass =
    variant === "danger"
      ? "bg-red-700 hover:bg-red-800 text-white"
      : variant === "secondary"
        ? "bg-white border border-slate-400 text-slate-900 hover:bg-slate-100"
        : "bg-blue-700 hover:bg-blue-800 text-white";
  return (
    <StateContext.Provider value={state}>
      <FormMessage state={state} />
      {success && successContent}
      {success && hideOnSuccess ? null : (
        <form action={formAction} className={className} aria-busy={pending}>
          {children}
          <button
            type="submit"
            disabled={pending}
            className={`mt-6 rounded px-4 py-2 font-semibold focus:outline-none focus:ring-2 focus:ring-blue-500 disabled:opacity-60 ${buttonClass}`}
          >
            {submitLabel}
          </button>
        </form>
      )}
    </StateContext.Provider>
  );
}

export function Field({
  name,
  label,
  type = "text",
  autoComplete,
  hint,
  required = true,
  inputMode,
  maxLength,
  autoFocus,
}: {
  name: string;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  inputMode?: "numeric" | "text" | "email";
  maxLength?: number;
  autoFocus?: boolean;
}) {
  const state = useContext(StateContext);
  const error = state.fields?.[name];
  const id = `field-${name}`;
  const value = type === "password" ? undefined : state.values?.[name];
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className="mt-4">
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
      <input
        key={`${state.status}:${value ?? ""}`}
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        autoComplete={autoComplete}
        required={required}
        inputMode={inputMode}
        maxLength={maxLength}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`mt-1 block w-full rounded border px-3 py-2 ${error ? "border-red-600" : "border-slate-400"}`}
      />
    </div>
  );
}

export function Checkbox({ name, label }: { name: string; label: string }) {
  const state = useContext(StateContext);
  return (
    <div className="mt-4 flex items-center gap-2">
      <input
        key={state.status}
        id={`field-${name}`}
        name={name}
        type="checkbox"
        defaultChecked={state.values?.[name] === "on"}
        className="h-4 w-4"
      />
      <label htmlFor={`field-${name}`}>{label}</label>
    </div>
  );
}
