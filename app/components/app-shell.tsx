import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import { roleLabel } from "#app/utils/roles.ts";
import { STAFF_TABS, type NavItem } from "#app/utils/navigation.ts";
import { MainNav } from "./nav-menu.tsx";

type ShellUser = { name: string; role: string; unit: string | null; unread?: number } | null;

function NoticeLink({ user }: { user: NonNullable<ShellUser> }) {
  if (user.role === "AUDITOR") return null;
  return (
    <Link
      to="/notifications"
      aria-label={`通知，${user.unread ?? 0} 条未读`}
      className="tap-target justify-center"
    >
      通知
      {user.unread ? (
        <span className="ml-1 rounded-full bg-brand-600 px-2 text-xs text-white">
          {user.unread}
        </span>
      ) : null}
    </Link>
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
      <Link to="/account/profile" className={link}>
        个人资料
      </Link>
      <Link to="/account/password" className={link}>
        修改密码
      </Link>
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
function TabBar() {
  const { pathname } = useLocation();
  // The longest tab that holds the page: /learn/exam is 考试, /learn/courses is 学习.
  const active = STAFF_TABS.filter(
    (t) => pathname === t.to || (t.to !== "/" && pathname.startsWith(`${t.to}/`)),
  ).sort((a, b) => b.to.length - a.to.length)[0];
  return (
    <nav
      aria-label="底部导航"
      className="no-print fixed inset-x-0 bottom-0 z-40 grid grid-cols-5 border-t border-stone-300 bg-white sm:hidden"
    >
      {STAFF_TABS.map((tab) => (
        <Link
          key={tab.to}
          to={tab.to}
          aria-current={tab === active ? "page" : undefined}
          className={`flex min-h-14 flex-col items-center justify-center text-sm no-underline ${
            tab === active ? "font-semibold text-brand-700" : "text-stone-700"
          }`}
        >
          <span aria-hidden="true" className="text-lg leading-none">
            {tab.icon}
          </span>
          {tab.label}
        </Link>
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
  return (
    <>
      <header className="border-b-4 border-brand-600 bg-white">
        {/* Phones: one row (brand, notices, a menu that works without JavaScript). */}
        <div className="flex items-center gap-2 px-4 py-1 sm:hidden">
          <Link to="/" className="tap-target text-lg font-bold text-brand-700 no-underline">
            法治学堂
          </Link>
          {user ? (
            <div className="ml-auto flex items-center gap-1">
              <NoticeLink user={user} />
              <details className="relative">
                <summary className="tap-target cursor-pointer justify-center rounded border border-stone-400 px-3">
                  菜单
                </summary>
                <div className="absolute right-0 z-50 mt-1 flex max-h-[80vh] w-64 flex-col overflow-y-auto rounded border border-stone-300 bg-white p-2 shadow-lg">
                  {nav.length > 0 ? <MainNav nav={nav} phone /> : null}
                  <div className="mt-2 flex flex-col border-t border-stone-200 pt-2">
                    <AccountLinks user={user} phone />
                  </div>
                </div>
              </details>
            </div>
          ) : null}
        </div>
        <div className="mx-auto hidden max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:flex">
          <Link to="/" className="text-xl font-bold text-brand-700 no-underline">
            法治学堂
          </Link>
          {nav.length > 0 ? <MainNav nav={nav} /> : null}
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
        className={`mx-auto max-w-6xl px-4 py-6 text-sm text-stone-600 ${tabs ? "pb-20 sm:pb-6" : ""}`}
      >
        法治学堂 · 鞍山市数据局 · <Link to="/about">关于</Link>
      </footer>
      {tabs ? <TabBar /> : null}
    </>
  );
}
