import { Form, useLocation } from "@remix-run/react";
import type { MouseEvent, ReactNode } from "react";
import { roleLabel } from "#app/utils/roles.ts";
import { activeNavItems, activeTab, STAFF_TABS, type NavItem } from "#app/utils/navigation.ts";
import { useDelegatedLinks } from "./delegated-links.tsx";
import { useDropDown } from "./drop-down.ts";
import { MainNav } from "./nav-menu.tsx";

// Every signed-in page renders this shell: its links are plain `<a data-discover="true" href>`,
// the HTML `<Link>` and `<NavLink>` render, attribute for attribute (issue 14: a Link costs
// several hooks and a path resolution per server render, and the shell had 29). One click
// handler on the header, the footer and the tab bar (`useDelegatedLinks`) navigates on the
// client as a Link would; modified clicks and links without JavaScript are the browser's. The
// active items (aria-current and the bold class) are computed once from the pathname.

type ShellUser = { name: string; role: string; unit: string | null; unread?: number } | null;

function NoticeLink({ user }: { user: NonNullable<ShellUser> }) {
  if (user.role === "AUDITOR") return null;
  return (
    <a
      aria-label={`通知，${user.unread ?? 0} 条未读`}
      className="tap-target justify-center"
      data-discover="true"
      href="/notifications"
    >
      通知
      {user.unread ? (
        <span className="ml-1 rounded-full bg-brand-600 px-2 text-xs text-white">
          {user.unread}
        </span>
      ) : null}
    </a>
  );
}

function AccountLinks({ user, phone }: { user: NonNullable<ShellUser>; phone?: boolean }) {
  const link = phone ? "tap-target px-2" : "";
  return (
    <>
      <span className={phone ? "px-2 py-2 text-sm" : ""}>
        <span className="font-medium">{user.name}</span>
        <span className="text-stone-600">（{roleLabel(user.role)}）</span>
      </span>
      {phone ? null : <NoticeLink user={user} />}
      <a className={link} data-discover="true" href="/account/profile">
        个人资料
      </a>
      <a className={link} data-discover="true" href="/account/password">
        修改密码
      </a>
      <Form method="post" action="/logout" className={phone ? "px-2 py-1" : ""}>
        <button
          type="submit"
          className="tap-target rounded border border-stone-400 px-3 hover:bg-stone-100 sm:min-h-0 sm:py-1"
        >
          退出登录
        </button>
      </Form>
    </>
  );
}

/** Staff on phones: the five places they go, at the thumb (首页 / 学习 / 考试 / 法规 / 我的). */
function TabBar({
  pathname,
  onClick,
}: {
  pathname: string;
  onClick: (e: MouseEvent<HTMLElement>) => void;
}) {
  const active = activeTab(pathname);
  return (
    <nav
      onClick={onClick}
      aria-label="底部导航"
      className="no-print fixed inset-x-0 bottom-0 z-40 grid grid-cols-5 border-t border-stone-300 bg-white sm:hidden"
    >
      {STAFF_TABS.map((tab) => (
        <a
          key={tab.to}
          aria-current={tab === active ? "page" : undefined}
          className={`flex min-h-14 flex-col items-center justify-center text-sm no-underline ${
            tab === active ? "font-semibold text-brand-700" : "text-stone-700"
          }`}
          data-discover="true"
          href={tab.to}
        >
          <span aria-hidden="true" className="text-lg leading-none">
            {tab.icon}
          </span>
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

export function AppShell({
  user,
  nav,
  children,
}: {
  user: ShellUser;
  nav: NavItem[];
  children: ReactNode;
}) {
  const tabs = user?.role === "STAFF" && nav.length > 0;
  const { pathname, key } = useLocation();
  const onClick = useDelegatedLinks();
  const menu = useDropDown(key);
  const shared = { active: activeNavItems(nav, pathname), pathname, locationKey: key };
  return (
    <>
      <header onClick={onClick} className="border-b-4 border-brand-600 bg-white">
        {/* Phones: one row (brand, notices, a menu that works without JavaScript). */}
        <div className="flex items-center gap-2 px-4 py-1 sm:hidden">
          <a
            className="tap-target text-lg font-bold text-brand-700 no-underline"
            data-discover="true"
            href="/"
          >
            法治学堂
          </a>
          {user ? (
            <div className="ml-auto flex items-center gap-1">
              <NoticeLink user={user} />
              <details ref={menu.ref} onKeyDown={menu.onKeyDown} className="relative">
                <summary className="tap-target cursor-pointer justify-center rounded border border-stone-400 px-3">
                  菜单
                </summary>
                <div className="absolute right-0 z-50 mt-1 flex max-h-[80vh] w-64 flex-col overflow-y-auto rounded border border-stone-300 bg-white p-2 shadow-lg">
                  {nav.length > 0 ? <MainNav nav={nav} phone {...shared} /> : null}
                  <div className="mt-2 flex flex-col border-t border-stone-200 pt-2">
                    <AccountLinks user={user} phone />
                  </div>
                </div>
              </details>
            </div>
          ) : null}
        </div>
        <div className="mx-auto hidden max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:flex">
          <a
            className="text-xl font-bold text-brand-700 no-underline"
            data-discover="true"
            href="/"
          >
            法治学堂
          </a>
          {nav.length > 0 ? <MainNav nav={nav} {...shared} /> : null}
          {user ? (
            <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
              <AccountLinks user={user} />
            </div>
          ) : null}
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className={`mx-auto max-w-6xl px-4 py-6 focus:outline-none ${tabs ? "pb-24 sm:pb-6" : ""}`}
      >
        {children}
      </main>
      <footer
        onClick={onClick}
        className={`mx-auto max-w-6xl px-4 py-6 text-sm text-stone-600 ${tabs ? "pb-20 sm:pb-6" : ""}`}
      >
        {"法治学堂 · 鞍山市数据局 · "}
        <a data-discover="true" href="/about">
          关于
        </a>
      </footer>
      {tabs ? <TabBar pathname={pathname} onClick={onClick} /> : null}
    </>
  );
}
