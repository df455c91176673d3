import { Link, useSearchParams } from "@remix-run/react";
import { useDeferredValue, useEffect, useMemo, useState, type ReactNode } from "react";

/** A unit as the server sends it (app/modules/org/tree.server.ts `TreeUnit`). */
export type TreeUnit = {
  id: number;
  parentId: number | null;
  name: string;
  people: number;
  total: number;
  /** Units directly below, loaded or not. */
  children: number;
};

/** What the lazy tree's search (`/manage/unit-search`) answers. */
type Found = { error: string | null; units: TreeUnit[]; matches: number; limit: number };

/** Adds the units of a search to those the page holds (a unit once). */
function merged(units: readonly TreeUnit[], extra: readonly TreeUnit[]): readonly TreeUnit[] {
  if (extra.length === 0) return units;
  const seen = new Set(units.map((u) => u.id));
  return [...units, ...extra.filter((u) => !seen.has(u.id))];
}

/** The lazy search: asks the server (debounced), whose answer joins the tree. */
function useServerSearch(q: string, on: boolean): Found | null {
  const [found, setFound] = useState<Found | null>(null);
  useEffect(() => {
    const text = q.trim();
    if (!on || !text) return setFound(null);
    const ask = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/manage/unit-search?${new URLSearchParams({ q: text })}`, { signal: ask.signal })
        .then((r) => r.json() as Promise<Found>)
        .then(setFound)
        .catch(() => {
          if (!ask.signal.aborted)
            setFound({ error: "查找失败，请稍后重试", units: [], matches: 0, limit: 0 });
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      ask.abort();
    };
  }, [q, on]);
  return found;
}

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
  units: sent,
  lazy = false,
  row,
  label,
  searchId,
}: {
  units: readonly TreeUnit[];
  /**
   * The page holds the top levels only: a unit whose units below were not sent shows
   * "展开下级单位", a GET link adding it to `open=` (with or without JavaScript); the search
   * asks the server and shows what it finds in place (decision 0019).
   */
  lazy?: boolean;
  row: (unit: TreeUnit, hasChildren: boolean) => ReactNode;
  /** Names the tree for screen readers ("单位树"). */
  label: string;
  searchId: string;
}) {
  const [q, setQ] = useState("");
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // The whole city is ~2,200 units on the scale seed: typing stays responsive while the tree
  // narrows behind it.
  const deferred = useDeferredValue(q);
  const found = useServerSearch(deferred, lazy);
  // Units a search brought stay (a box ticked there keeps posting) until the page reloads.
  const [kept, setKept] = useState<TreeUnit[]>([]);
  useEffect(() => {
    if (found?.units.length) setKept((k) => [...merged(k, found.units)]);
  }, [found]);
  const units = useMemo(() => merged(sent, kept), [sent, kept]);
  const ix = useMemo(() => index(units), [units]);
  const filter = useMemo(() => visibleFor(ix, deferred), [ix, deferred]);
  const [params] = useSearchParams();
  const openHref = (id: number) => {
    const next = new URLSearchParams(params);
    const open = (params.get("open") ?? "").split(",").filter(Boolean);
    next.set("open", [...open.filter((o) => o !== String(id)), String(id)].join(","));
    return `?${next}`;
  };
  const status = !filter
    ? ""
    : lazy && found === null
      ? "正在查找……"
      : lazy && found?.error
        ? found.error
        : filter.matches === 0
          ? "没有名称包含该文字的单位"
          : lazy && found && found.matches > found.limit
            ? `找到 ${found.matches} 个单位，显示前 ${found.limit} 个，请输入更多文字缩小范围`
            : `找到 ${lazy && found ? found.matches : filter.matches} 个单位`;

  const node = (u: TreeUnit, depth: number): ReactNode => {
    const kids = ix.children.get(u.id) ?? [];
    const hidden = filter !== null && !filter.shown.has(u.id);
    const unloaded = u.children - kids.length;
    return (
      <li key={u.id} hidden={hidden} className="mt-1">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">{row(u, u.children > 0)}</div>
        {lazy && unloaded > 0 && filter === null ? (
          <Link
            to={openHref(u.id)}
            preventScrollReset
            replace
            className="ml-2 inline-flex min-h-11 items-center text-sm sm:min-h-0"
          >
            {kids.length ? "显示全部" : "展开"}下级单位（{u.children}）
            <span className="sr-only">：{u.name}</span>
          </Link>
        ) : null}
        {kids.length > 0 ? (
          <details
            open={filter !== null || depth === 0 || lazy ? true : undefined}
            className="ml-2 border-l border-stone-300 pl-3"
          >
            <summary className="min-h-11 cursor-pointer py-2 text-sm text-stone-700 sm:min-h-0 sm:py-1">
              下级单位（{u.children}）<span className="sr-only">：{u.name}</span>
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
            {status}
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
  lazy = false,
  linkFor,
}: {
  units: readonly TreeUnit[];
  lazy?: boolean;
  linkFor: (unit: TreeUnit) => string;
}) {
  return (
    <UnitTree
      units={units}
      lazy={lazy}
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
