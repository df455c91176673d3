import clsx from "clsx";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { forwardRef, useId } from "react";

const controlClass = (error?: string) =>
  clsx(
    "mt-1 block w-full rounded border px-3 py-2 text-base",
    error ? "border-red-700" : "border-stone-400",
  );

type A11y = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };

/**
 * Label, control, hint and error for one form field; the control gets the id and
 * the aria attributes that tie the hint and the error to it.
 */
function FieldShell({
  label,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (a11y: A11y) => ReactNode;
}) {
  const id = useId();
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <div className={clsx("mb-4", className)}>
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type FieldProps = {
  label: string;
  error?: string;
  hint?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>;

/** A labelled input whose error is tied to it (aria-invalid, aria-describedby). */
export const Field = forwardRef<HTMLInputElement, FieldProps>(function Field(
  { label, error, hint, className, ...props },
  ref,
) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className}>
      {(a11y) => <input ref={ref} {...a11y} className={controlClass(error)} {...props} />}
    </FieldShell>
  );
});

type SelectProps = {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
} & SelectHTMLAttributes<HTMLSelectElement>;

export const SelectField = forwardRef<HTMLSelectElement, SelectProps>(function SelectField(
  { label, error, hint, children, className, ...props },
  ref,
) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className}>
      {(a11y) => (
        <select ref={ref} {...a11y} className={clsx(controlClass(error), "bg-white")} {...props}>
          {children}
        </select>
      )}
    </FieldShell>
  );
});

export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <div
      role="alert"
      className="mb-4 rounded border border-red-700 bg-red-50 px-3 py-2 text-red-800"
    >
      {message}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div
      role="status"
      className="mb-4 rounded border border-green-700 bg-green-50 px-3 py-2 text-green-900"
    >
      {children}
    </div>
  );
}
