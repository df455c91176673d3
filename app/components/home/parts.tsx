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
    <section aria-labelledby={`${id}-title`} className="home-card">
      <div className="home-card-head">
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

// The rows' and cards' utilities are component classes in app/styles/app.css (home-*).
const STATUS_CLASS = {
  normal: "home-status",
  warn: "home-status warn",
  ok: "home-status ok",
} as const;

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
  return (
    <li>
      <a className="tap-target home-row" data-discover="true" href={to}>
        <span className={STATUS_CLASS[tone]}>{status}</span>
        <span className="home-row-text">
          <span className="home-row-title">{children}</span>
          {detail ? <span className="home-row-detail">{detail}</span> : null}
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
    <a className="tap-target home-count" data-discover="true" href={to}>
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
