"use client";

import { createContext, useActionState, useContext, type ReactNode } from "react";
import { IDLE, type FormState } from "@/lib/form-state";

/**
 * The one form kit of the app: a form bound to a server action with useActionState. It works
 * without JavaScript (a native POST; the page comes back with the action's state), carries hidden
 * fields (the club, the id it edits), shows the field errors of the server's zod schema next to
 * each field, and never echoes passwords back. After an error the fields show what was typed;
 * otherwise the values given by the page.
 */
export type FormAction = (state: FormState, formData: FormData) => Promise<FormState>;

/** An action whose state carries more than a FormState (e.g. the calendar link just made). */
export type StateAction<S> = (state: S, formData: FormData) => Promise<S>;

/** What the fields read of a state: its status, field errors and the values typed. */
type ScopeState = Pick<FormState, "fields" | "values"> & { status: string };

type Variant = "primary" | "danger" | "secondary";

type Scope = {
  state: ScopeState;
  pending: boolean;
  /** The dense look of the admin setup screens (smaller labels, tighter spacing). */
  compact: boolean;
};

const ScopeContext = createContext<Scope>({ state: IDLE, pending: false, compact: false });

/** Gives the fields the state of a form whose useActionState lives in the caller. */
export function FormStateScope({ state, children }: { state: ScopeState; children: ReactNode }) {
  return (
    <ScopeContext.Provider value={{ state, pending: false, compact: false }}>
      {children}
    </ScopeContext.Provider>
  );
}

/** The message (error or success) of a form state, announced to screen readers. */
export function FormMessage({
  state,
}: {
  state: Pick<FormState, "message" | "list"> & { status: string };
}) {
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

const variantClass = (variant: Variant) =>
  variant === "danger"
    ? "bg-red-700 hover:bg-red-800 text-white"
    : variant === "secondary"
      ? "bg-white border border-slate-400 text-slate-900 hover:bg-slate-100"
      : "bg-blue-700 hover:bg-blue-800 text-white";

const BUTTON_BASE =
  "rounded px-4 py-2 font-semibold focus:outline-none focus:ring-2 focus:ring-blue-500 disabled:opacity-60";

/**
 * A submit button. The form gives one (submitLabel); a form without submitLabel takes its
 * buttons from the caller, so that it may offer several (sent as name=value).
 */
export function SubmitButton({
  children,
  name,
  value,
  variant = "primary",
  className = "mt-4 min-h-11",
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  variant?: Variant;
  /** Spacing and size. */
  className?: string;
}) {
  const { pending } = useContext(ScopeContext);
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={pending}
      className={`${className} ${BUTTON_BASE} ${variantClass(variant)}`}
    >
      {children}
    </button>
  );
}

/** A form action bound with useActionState: its state, the form's action and whether it runs. */
export type BoundAction<S> = {
  state: S;
  formAction: (formData: FormData) => void;
  pending: boolean;
};

/**
 * The kit's useActionState, for a screen whose content around the form follows the action's
 * answer (several forms, a view replaced on success, a page to load): render the form with
 * BoundForm.
 */
export function useFormAction<S extends ScopeState>(
  action: StateAction<S>,
  initial: NoInfer<Awaited<S>>,
): BoundAction<Awaited<S>> {
  const [state, formAction, pending] = useActionState<S, FormData>(action, initial);
  return { state, formAction, pending };
}

type FormElementProps = {
  /** Hidden fields, e.g. { club, membershipId }. */
  hidden?: Record<string, string>;
  /** Accessible name of the form, when the page has several. */
  label?: string;
  /** The id of an element describing the form. */
  describedBy?: string;
  className?: string;
  children?: ReactNode;
};

function FormElement({
  bound,
  hidden,
  label,
  describedBy,
  className,
  children,
}: FormElementProps & { bound: BoundAction<ScopeState> }) {
  return (
    <form
      action={bound.formAction}
      className={className}
      aria-busy={bound.pending}
      aria-label={label}
      aria-describedby={describedBy}
    >
      {Object.entries(hidden ?? {}).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {children}
    </form>
  );
}

/** The form of a useFormAction: its fields and SubmitButtons read that action's state. */
export function BoundForm({
  bound,
  compact = false,
  ...props
}: FormElementProps & { bound: BoundAction<ScopeState>; compact?: boolean }) {
  return (
    <ScopeContext.Provider value={{ state: bound.state, pending: bound.pending, compact }}>
      <FormElement bound={bound} {...props} />
    </ScopeContext.Provider>
  );
}

export function ActionForm({
  action,
  submitLabel,
  hidden,
  label,
  children,
  successContent,
  hideOnSuccess = false,
  messageAfter = false,
  errorSummary,
  compact = false,
  variant = "primary",
  className,
  submitClassName,
}: {
  action: FormAction;
  /** The form's own submit button; without it, the children hold the buttons. */
  submitLabel?: string;
  /** Hidden fields, e.g. { club, membershipId }. */
  hidden?: Record<string, string>;
  /** Accessible name of the form, when the page has several. */
  label?: string;
  children?: ReactNode;
  /** Shown instead of the form (hideOnSuccess) or above it once the action succeeded. */
  successContent?: ReactNode;
  hideOnSuccess?: boolean;
  /** Shows the action's message below the form instead of above it. */
  messageAfter?: boolean;
  /** Lists the field errors above the form, by these field labels (for forms without Field). */
  errorSummary?: Record<string, string>;
  compact?: boolean;
  variant?: Variant;
  className?: string;
  /** Spacing and size of the form's own submit button. */
  submitClassName?: string;
}) {
  const bound = useFormAction(action, IDLE);
  const { state, pending } = bound;
  const success = state.status === "success";
  const errors = errorSummary ? Object.entries(state.fields ?? {}) : [];
  return (
    <ScopeContext.Provider value={{ state, pending, compact }}>
      {messageAfter ? null : <FormMessage state={state} />}
      {errors.length ? (
        <ul className="mt-2 text-sm font-medium text-red-700">
          {errors.map(([field, message]) => (
            <li key={field}>
              {errorSummary?.[field] ?? field}: {message}
            </li>
          ))}
        </ul>
      ) : null}
      {success && successContent}
      {success && hideOnSuccess ? null : (
        <FormElement bound={bound} hidden={hidden} label={label} className={className}>
          {children}
          {submitLabel ? (
            <SubmitButton
              variant={variant}
              className={submitClassName ?? (compact ? "mt-3 min-h-11" : "mt-6")}
            >
              {submitLabel}
            </SubmitButton>
          ) : null}
        </FormElement>
      )}
      {messageAfter ? <FormMessage state={state} /> : null}
    </ScopeContext.Provider>
  );
}

/** The id of a field; idSuffix makes it unique when several forms on a page share names. */
const fieldId = (name: string, idSuffix?: string, id?: string) =>
  id ?? `field-${name}${idSuffix ? `-${idSuffix}` : ""}`;

function useField(name: string, defaultValue: string | undefined, secret = false) {
  const { state, compact } = useContext(ScopeContext);
  const error = state.fields?.[name];
  const value = secret
    ? undefined
    : state.status === "error"
      ? (state.values?.[name] ?? defaultValue)
      : defaultValue;
  return { state, compact, error, value };
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

function Label({
  id,
  label,
  hint,
  error,
  compact,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  compact: boolean;
}) {
  return (
    <>
      <label htmlFor={id} className={compact ? "block text-sm font-medium" : "block font-medium"}>
        {label}
      </label>
      {hint ? (
        <p
          id={`${id}-hint`}
          className={compact ? "text-xs text-slate-600" : "text-sm text-slate-600"}
        >
          {hint}
        </p>
      ) : null}
      <ErrorText id={`${id}-error`} message={error} />
    </>
  );
}

const controlClass = (error: string | undefined) =>
  `mt-1 block w-full rounded border px-3 py-2 ${error ? "border-red-600" : "border-slate-400"}`;

export function Field({
  name,
  label,
  type = "text",
  defaultValue,
  required = false,
  hint,
  autoComplete,
  inputMode,
  maxLength,
  min,
  max,
  step,
  autoFocus,
  idSuffix,
  id: givenId,
  narrow = false,
}: {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "number" | "time" | "date";
  /** The current value, shown unless the action failed (then what was typed is shown). */
  defaultValue?: string;
  required?: boolean;
  hint?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "decimal" | "text" | "email";
  maxLength?: number;
  min?: number | string;
  max?: number | string;
  step?: number | string;
  autoFocus?: boolean;
  idSuffix?: string;
  /** An id of the page's own (instead of field-<name>), e.g. one its links or tests name. */
  id?: string;
  /** A short input (a name), not the whole width. */
  narrow?: boolean;
}) {
  const { state, compact, error, value } = useField(name, defaultValue, type === "password");
  const id = fieldId(name, idSuffix, givenId);
  return (
    <div className={compact ? "mt-3" : "mt-4"}>
      <Label id={id} label={label} hint={hint} error={error} compact={compact} />
      <input
        key={`${state.status}:${value ?? ""}`}
        id={id}
        name={name}
        type={type}
        defaultValue={value}
        required={required}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        min={min}
        max={max}
        step={step ?? (type === "time" ? 60 : undefined)}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${controlClass(error)}${narrow ? " max-w-sm" : ""}`}
      />
    </div>
  );
}

/** A multi-line text field (a note, a message); like Field, it shows what was typed after an error. */
export function TextAreaField({
  name,
  label,
  defaultValue,
  required = false,
  hint,
  rows = 3,
  minLength,
  maxLength,
  idSuffix,
  id: givenId,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  required?: boolean;
  hint?: string;
  rows?: number;
  minLength?: number;
  maxLength?: number;
  idSuffix?: string;
  /** An id of the page's own (instead of field-<name>). */
  id?: string;
}) {
  const { state, compact, error, value } = useField(name, defaultValue);
  const id = fieldId(name, idSuffix, givenId);
  return (
    <div className={compact ? "mt-3" : "mt-4"}>
      <Label id={id} label={label} hint={hint} error={error} compact={compact} />
      <textarea
        key={`${state.status}:${value ?? ""}`}
        id={id}
        name={name}
        defaultValue={value}
        required={required}
        rows={rows}
        minLength={minLength}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={controlClass(error)}
      />
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
  hint,
  idSuffix,
  id: givenId,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  defaultValue?: string;
  hint?: string;
  idSuffix?: string;
  /** An id of the page's own (instead of field-<name>). */
  id?: string;
}) {
  const { state, compact, error, value } = useField(name, defaultValue);
  const id = fieldId(name, idSuffix, givenId);
  return (
    <div className={compact ? "mt-3" : "mt-4"}>
      <Label id={id} label={label} hint={hint} error={error} compact={compact} />
      <select
        key={`${state.status}:${value ?? ""}`}
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        className={`${controlClass(error)} bg-white`}
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

export function Checkbox({
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
  const { state, compact } = useContext(ScopeContext);
  const id = fieldId(name, idSuffix);
  const checked =
    state.status === "error" && value === "on" && state.values
      ? state.values[name] === "on"
      : defaultChecked;
  return (
    <div
      className={compact ? "mt-2 flex min-h-6 items-center gap-2" : "mt-4 flex items-center gap-2"}
    >
      <input
        key={`${state.status}:${checked}`}
        id={id}
        name={name}
        type="checkbox"
        value={value}
        defaultChecked={checked}
        className="h-4 w-4"
      />
      <label htmlFor={id} className={compact ? "text-sm" : undefined}>
        {label}
      </label>
    </div>
  );
}

function ErrorText({ id, message }: { id?: string; message: string | undefined }) {
  return message ? (
    <p id={id} role={id ? undefined : "alert"} className="text-sm font-medium text-red-700">
      {message}
    </p>
  ) : null;
}

/**
 * An error of a field that has no input of its own (e.g. a group of checkboxes or radios). With
 * `id`, the group names it in aria-describedby (so it is read with the group, not as an alert).
 */
export function FieldError({ name, id }: { name: string; id?: string }) {
  const { state } = useContext(ScopeContext);
  return <ErrorText id={id} message={state.fields?.[name]} />;
}
