import { Link } from "@remix-run/react";
import { useDeferredValue, useEffect, useMemo, useState, type ReactNode } from "react";

/** A unit as the server sends it (app/modules/org/tree.server.ts `TreeUnit`). */
export type TreeUnit = {
  id: number;
  parentId: number | null;
  name: string;
  people: number;
  total: number;
};

type Index = { roots: TreeUnit[]; children: Map<number, TreeUnit[]>; byId: Map<number, TreeUnit> };

function index(units: readonly TreeUnit[]): Index {
  const children = new Map<number, TreeUnit[]>();
  const roots: TreeUnit[] = [];
  for (const u of units) {
    if (u.parentId === null) roots.push(u);
    else children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  }
  return { roots, children, byId: new Map(units.map((u) => [u.id, u])) };
}

/** The units a search shows: those whose name contains the text, and every ancestor of one. */
function visibleFor(ix: Index, q: string): { shown: Set<number>; matches: number } | null {
  const text = q.trim();
  if (!text) return null;
  const shown = new Set<number>();
  let matches = 0;
  for (const u of ix.byId.values()) {
    if (!u.name.includes(text)) continue;
    matches++;
    for (let a: TreeUnit | undefined = u; a && !shown.has(a.id);) {
      shown.add(a.id);
      a = a.parentId === null ? undefined : ix.byId.get(a.parentId);
    }
  }
  return { shown, matches };
}

/**
 * The org tree as nested lists with <details> to expand and collapse: keyboard usable and
 * complete without JavaScript (the summaries toggle natively; a picker's checkboxes post
 * with the form). With JavaScript a search box narrows the tree to the units whose name
 * contains the text (and their ancestors, opened). `row` draws one unit's line.
 */
export function UnitTree({
  units,
  row,
  label,
  searchId,
}: {
  units: readonly TreeUnit[];
  row: (unit: TreeUnit, hasChildren: boolean) => ReactNode;
  /** Names the tree for screen readers ("单位树"). */
  label: string;
  searchId: string;
}) {
  const ix = useMemo(() => index(units), [units]);
  const [q, setQ] = useState("");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // The whole city is ~2,200 units on the scale seed: typing stays responsive while the tree
  // narrows behind it.
  const deferred = useDeferredValue(q);
  const filter = useMemo(() => visibleFor(ix, deferred), [ix, deferred]);

  const node = (u: TreeUnit, depth: number): ReactNode => {
    const kids = ix.children.get(u.id) ?? [];
    const hidden = filter !== null && !filter.shown.has(u.id);
    return (
      <li key={u.id} hidden={hidden} className="mt-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">{row(u, kids.length > 0)}</div>
        {kids.length > 0 ? (
          <details
            open={filter !== null || depth === 0 ? true : undefined}
            className="ml-2 border-l border-stone-300 pl-3"
          >
            <summary className="min-h-11 cursor-pointer py-2 text-sm text-stone-700 sm:min-h-0 sm:py-1">
              下级单位（{kids.length}）<span className="sr-only">：{u.name}</span>
            </summary>
            <ul className="pb-1">{kids.map((k) => node(k, depth + 1))}</ul>
          </details>
        ) : null}
      </li>
    );
  };

  return (
    <div>
      {hydrated ? (
        <div className="mb-2">
          <label htmlFor={searchId} className="block text-sm font-medium">
            按名称查找单位
          </label>
          <input
            id={searchId}
            type="search"
            value={q}
            maxLength={40}
            onChange={(e) => setQ(e.target.value)}
            // Enter in the search box must not submit the surrounding form.
            onKeyDown={(e) => {
              if (e.key === "Enter") e.preventDefault();
            }}
            className="mt-1 block w-full rounded border border-stone-400 px-3 py-2 sm:max-w-sm"
          />
          <p aria-live="polite" className="mt-1 text-sm text-stone-600">
            {filter === null
              ? ""
              : filter.matches === 0
                ? "没有名称包含该文字的单位"
                : `找到 ${filter.matches} 个单位`}
          </p>
        </div>
      ) : null}
      {ix.roots.length === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-4 text-center">
          没有可显示的单位。
        </p>
      ) : (
        <ul aria-label={label} className="break-words">
          {ix.roots.map((r) => node(r, 0))}
        </ul>
      )}
    </div>
  );
}

/** "12 人" for a unit alone, "本单位 3 人，合计 40 人" when it has units below. */
export function peopleCount(u: TreeUnit, hasChildren: boolean): string {
  return hasChildren ? `本单位 ${u.people} 人，合计 ${u.total} 人` : `${u.people} 人`;
}

/** The read-only tree of a manager's (or the admin's) units, each a link, with staff counts. */
export function OrgTreeView({
  units,
  linkFor,
}: {
  units: readonly TreeUnit[];
  linkFor: (unit: TreeUnit) => string;
}) {
  return (
    <UnitTree
      units={units}
      label="组织机构"
      searchId="tree-search"
      row={(u, hasChildren) => (
        <>
          <Link to={linkFor(u)} className="inline-flex min-h-11 items-center sm:min-h-0">
            {u.name}
          </Link>
          <span className="text-sm text-stone-600">{peopleCount(u, hasChildren)}</span>
        </>
      )}
    />
  );
}
