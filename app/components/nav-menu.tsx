import { useId } from "react";
import { groupNav, holdsPath, type NavItem } from "#app/utils/navigation.ts";
import { useDropDown } from "./drop-down.ts";

// The main navigation (issue 17: the admin's items grouped as 人员与机构 / 课程与考试 / 预约服务 /
// 系统, the manager's as 任务与统计 / 活动 / 个人学习; app/utils/navigation.ts). Desktop: each group is a drop-down made of <details>, so it opens without JavaScript
// and by keyboard (Tab to it, Enter or Space); with JavaScript one group is open at a time and
// Escape, a click elsewhere or going to a page closes it. Phones (inside the 菜单): every group
// is a labelled list, all open, so nothing hides behind a second tap.
//
// The items are plain links, the HTML a `<NavLink>` renders (issue 14: a NavLink costs several
// hooks and a path resolution per link on every render, and the shell has up to 40): the
// AppShell computes the active items once (`activeNavItems`, NavLink's rule with `end` where
// another item lies below, so one page never highlights two items) and its one click handler
// (`useDelegatedLinks`) navigates on the client.

type Shared = { active: ReadonlySet<string>; pathname: string; locationKey: string };

function Item({ item, active, phone }: { item: NavItem; active: boolean; phone?: boolean }) {
  return (
    <a
      data-discover="true"
      aria-current={active ? "page" : undefined}
      className={`${phone ? "tap-target px-2" : "block whitespace-nowrap"} ${
        active
          ? "font-semibold text-brand-700 no-underline"
          : "text-stone-700 no-underline hover:underline"
      }`}
      href={item.to}
    >
      {item.label}
    </a>
  );
}

function Group({
  label,
  items,
  active,
  pathname,
  locationKey,
}: { label: string; items: NavItem[] } & Shared) {
  const { ref, onKeyDown } = useDropDown(locationKey);
  const holds = items.some((i) => holdsPath(pathname, i.to));
  return (
    <details
      ref={ref}
      className="relative"
      data-nav-group={label}
      onToggle={(e) => {
        const el = e.currentTarget;
        if (!el.open) return;
        for (const other of el.closest("nav")?.querySelectorAll("details[open]") ?? [])
          if (other !== el) (other as HTMLDetailsElement).open = false;
      }}
      onKeyDown={onKeyDown}
    >
      <summary
        className={`cursor-pointer list-none whitespace-nowrap ${
          holds ? "font-semibold text-brand-700" : "text-stone-700"
        }`}
      >
        {label}
        <span aria-hidden="true" className="ml-0.5 text-xs">
          ▾
        </span>
      </summary>
      <ul className="absolute left-0 z-50 mt-2 flex min-w-36 flex-col gap-2 rounded border border-stone-300 bg-white p-3 shadow-lg">
        {items.map((item) => (
          <li key={item.to}>
            <Item item={item} active={active.has(item.to)} />
          </li>
        ))}
      </ul>
    </details>
  );
}

function PhoneGroup({ label, items, active }: { label: string; items: NavItem[] } & Shared) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className="mt-1 flex flex-col">
      <span id={id} className="px-2 pt-2 text-sm font-semibold text-stone-600">
        {label}
      </span>
      {items.map((item) => (
        <Item key={item.to} item={item} active={active.has(item.to)} phone />
      ))}
    </div>
  );
}

export function MainNav({ nav, phone, ...shared }: { nav: NavItem[]; phone?: boolean } & Shared) {
  return (
    <nav
      aria-label="主导航"
      className={phone ? "flex flex-col" : "flex flex-wrap items-center gap-x-4 gap-y-1"}
    >
      {groupNav(nav).map((entry) =>
        entry.kind === "item" ? (
          <Item
            key={entry.item.to}
            item={entry.item}
            active={shared.active.has(entry.item.to)}
            phone={phone}
          />
        ) : phone ? (
          <PhoneGroup key={entry.label} label={entry.label} items={entry.items} {...shared} />
        ) : (
          <Group key={entry.label} label={entry.label} items={entry.items} {...shared} />
        ),
      )}
    </nav>
  );
}
