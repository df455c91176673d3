import { useRef, type ReactNode } from "react";

/**
 * A secondary action that opens a confirmation: with JavaScript a modal <dialog>; without, the
 * link opens the same form on its own page (`fallbackHref`, e.g. "?do=cancel").
 */
export function ConfirmDialog({
  id,
  label,
  title,
  fallbackHref,
  children,
}: {
  id: string;
  label: string;
  title: string;
  fallbackHref: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  return (
    <>
      <a
        href={fallbackHref}
        className="inline-flex min-h-11 items-center rounded border border-stone-400 bg-white px-4 py-2 font-medium text-stone-900 no-underline hover:bg-stone-100"
        onClick={(e) => {
          const d = ref.current;
          if (d && typeof d.showModal === "function") {
            e.preventDefault();
            d.showModal();
          }
        }}
      >
        {label}
      </a>
      <dialog
        ref={ref}
        id={id}
        aria-labelledby={`${id}-title`}
        className="w-[calc(100%-1rem)] max-w-xl rounded-lg border border-stone-300 p-4 backdrop:bg-black/40"
      >
        <div className="mb-3 flex items-start justify-between gap-2">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <button
            type="button"
            className="min-h-11 rounded border border-stone-400 px-3"
            onClick={() => ref.current?.close()}
          >
            返回
          </button>
        </div>
        {children}
      </dialog>
    </>
  );
}
