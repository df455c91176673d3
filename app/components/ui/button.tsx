import clsx from "clsx";
import type { ButtonHTMLAttributes } from "react";

const VARIANTS = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 border-brand-700",
  secondary: "bg-white text-stone-900 hover:bg-stone-100 border-stone-400",
  danger: "bg-white text-red-800 hover:bg-red-50 border-red-700",
};

export function Button({
  variant = "primary",
  className,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof VARIANTS }) {
  return (
    <button
      className={clsx(
        "rounded border px-4 py-2 font-medium disabled:cursor-not-allowed disabled:opacity-60",
        VARIANTS[variant],
        className,
      )}
      {...props}
    />
  );
}
