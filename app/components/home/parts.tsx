import type { ReactNode } from "react";

// The homes' links are plain `<a data-discover="true" href>`, the HTML a `<Link to>` renders,
// and the home route's one click handler (useDelegatedLinks) navigates on the client: a
// `<Link>` costs several hooks and a path resolution per link on every server render (issue 14).

/** One block of a home page: a titled card whose items are links to the action. */
export function HomeCard({
  id,
  title,
  children,
  action,
}: {
  id: string;
  title: string;
  children: ReactNode;
  action?: { to: string; label: string };
}) {
  return (
    <section
      aria-labelledby={`${id}-title`}
      className="rounded-lg border border-stone-300 bg-white p-4"
    >
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {action ? (
          <a className="tap-target text-sm" data-discover="true" href={action.to}>
            {action.label}
          </a>
        ) : null}
      </div>
      {children}
    </section>
  );
}

/** A to-do row: the whole row is the link; the status comes first, as on a phone. */
export function TodoItem({
  to,
  status,
  tone = "normal",
  children,
  detail,
}: {
  to: string;
  status: ReactNode;
  tone?: "normal" | "warn" | "ok";
  children: ReactNode;
  detail?: ReactNode;
}) {
  const toneClass =
    tone === "warn"
      ? "bg-red-50 text-red-800 border-red-300"
      : tone === "ok"
        ? "bg-green-50 text-green-800 border-green-300"
        : "bg-stone-100 text-stone-800 border-stone-300";
  return (
    <li>
      <a
        className="tap-target flex flex-wrap items-center gap-x-3 gap-y-1 rounded px-2 py-2 text-stone-900 no-underline hover:bg-stone-50"
        data-discover="true"
        href={to}
      >
        <span className={`shrink-0 rounded border px-2 text-sm ${toneClass}`}>{status}</span>
        <span className="min-w-0 flex-1">
          <span className="underline underline-offset-2">{children}</span>
          {detail ? <span className="block text-sm text-stone-600">{detail}</span> : null}
        </span>
      </a>
    </li>
  );
}

/** A big number with its label, linking to where it is dealt with. */
export function CountLink({
  to,
  count,
  label,
  warn,
}: {
  to: string;
  count: number;
  label: string;
  warn?: boolean;
}) {
  return (
    <a
      className="tap-target block rounded-lg border border-stone-300 bg-white p-3 text-stone-900 no-underline hover:bg-stone-50"
      data-discover="true"
      href={to}
    >
      <span className={`block text-2xl font-bold ${warn && count > 0 ? "text-red-800" : ""}`}>
        {count}
      </span>
      <span className="text-sm underline underline-offset-2">{label}</span>
    </a>
  );
}

export function EmptyNote({ children }: { children: ReactNode }) {
  return <p className="text-stone-600">{children}</p>;
}
