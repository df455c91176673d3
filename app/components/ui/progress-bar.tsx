/** A progress bar drawn as SVG (no inline styles, so the strict CSP holds), with its numbers for screen readers. */
export function ProgressBar({ value, max, label }: { value: number; max: number; label: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <svg
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      viewBox="0 0 100 4"
      preserveAspectRatio="none"
      className="mt-1 block h-2 w-full rounded bg-stone-200"
    >
      <rect x="0" y="0" width={ratio * 100} height="4" className="fill-brand-600" />
    </svg>
  );
}
