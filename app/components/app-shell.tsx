import { Form, Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { roleLabel } from "#app/utils/roles.ts";
import type { NavItem } from "#app/utils/navigation.ts";

type ShellUser = { name: string; role: string; unit: string | null; unread?: number } | null;

export function AppShell({
  user,
  nav,
  children,
}: {
  user: ShellUser;
  nav: NavItem[];
  children: ReactNode;
}) {
  return (
    <>
      <header className="border-b-4 border-brand-600 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link to="/" className="text-xl font-bold text-brand-700 no-underline">
            法治学堂
          </Link>
          {nav.length > 0 ? (
            <nav aria-label="主导航" className="flex flex-wrap gap-x-4 gap-y-1">
              {nav.map((item) => (
                <NavLink
                  key={item.to}
                  to={item.to}
                  // Exact match where another item lies below this one (我的学习 /learn vs 课程中心 /learn/courses),
                  // so one page never highlights two items.
                  end={nav.some(
                    (other) =>
                      other.to !== item.to &&
                      other.to.startsWith(item.to === "/" ? "/" : `${item.to}/`),
                  )}
                  className={({ isActive }) =>
                    isActive
                      ? "font-semibold text-brand-700 no-underline"
                      : "text-stone-700 no-underline hover:underline"
                  }
                >
                  {item.label}
                </NavLink>
              ))}
            </nav>
          ) : null}
          {user ? (
            <div className="ml-auto flex flex-wrap items-center gap-3 text-sm">
              <span>
                <span className="font-medium">{user.name}</span>
                <span className="text-stone-600">（{roleLabel(user.role)}）</span>
              </span>
              {user.role !== "AUDITOR" ? (
                <Link to="/notifications" aria-label={`通知，${user.unread ?? 0} 条未读`}>
                  通知
                  {user.unread ? (
                    <span className="ml-1 rounded-full bg-brand-600 px-2 text-xs text-white">
                      {user.unread}
                    </span>
                  ) : null}
                </Link>
              ) : null}
              <Link to="/account/profile">个人资料</Link>
              <Link to="/account/password">修改密码</Link>
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  className="rounded border border-stone-400 px-2 py-1 hover:bg-stone-100"
                >
                  退出登录
                </button>
              </Form>
            </div>
          ) : null}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6 focus:outline-none">
        {children}
      </main>
      <footer className="mx-auto max-w-6xl px-4 py-6 text-sm text-stone-600">
        法治学堂 · 鞍山市数据局 · <Link to="/about">关于</Link>
      </footer>
    </>
  );
}
