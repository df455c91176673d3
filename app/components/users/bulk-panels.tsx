import { Form, Link, useLocation, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { Button } from "#app/components/ui/button.tsx";

// The parts of /admin/users' bulk actions (issue 17): the bar that picks the action, the
// confirmation that names how many and who, and a reset's new passwords (shown once).

export const BULK_LABELS = {
  disable: "停用",
  enable: "启用",
  "reset-password": "重置密码",
  move: "移动到其他单位",
} as const;
type Action = keyof typeof BULK_LABELS;

/** The action picker above the table; the checkboxes in the table belong to the same form. */
export function BulkBar({ formId }: { formId: string }) {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const form = document.getElementById(formId);
    if (!(form instanceof HTMLFormElement)) return;
    const update = () => setCount(form.querySelectorAll('input[name="userId"]:checked').length);
    update();
    form.addEventListener("change", update);
    return () => form.removeEventListener("change", update);
  }, [formId]);
  return (
    <fieldset className="mb-3 flex flex-wrap items-end gap-3 rounded border border-stone-300 bg-white p-3">
      <legend className="px-1 font-semibold">批量操作</legend>
      <p aria-live="polite" className="w-full text-sm text-stone-700">
        {count === null ? "勾选下表中的用户后选择操作。" : `已选 ${count} 人（本页）。`}
      </p>
      <div>
        <label htmlFor="bulkAction" className="block text-sm font-medium">
          操作
        </label>
        <select
          id="bulkAction"
          name="bulkAction"
          form={formId}
          defaultValue=""
          className="rounded border border-stone-400 bg-white px-3 py-2"
        >
          <option value="">请选择</option>
          {Object.entries(BULK_LABELS).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="orgUnitCode" className="block text-sm font-medium">
          目标单位编码（仅“移动”时填写）
        </label>
        <input
          id="orgUnitCode"
          name="orgUnitCode"
          form={formId}
          maxLength={40}
          className="w-48 rounded border border-stone-400 px-3 py-2"
        />
      </div>
      <Button type="submit" form={formId} name="intent" value="bulk-preview" variant="secondary">
        下一步：确认
      </Button>
    </fieldset>
  );
}

type Plan = {
  action: Action;
  users: { id: number; username: string; name: string; unitName: string | null }[];
  unit: { code: string; name: string } | null;
  orgUnitCode: string;
};

/** The confirmation: the action, how many, every name; nothing changes until it is confirmed. */
export function ConfirmBulk({ plan }: { plan: Plan }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { search } = useLocation();
  const busy = useNavigation().state === "submitting";
  useEffect(() => heading.current?.focus(), [plan]);
  const label = BULK_LABELS[plan.action];
  const n = plan.users.length;
  return (
    <section
      aria-labelledby="bulk-confirm-title"
      className="mb-4 rounded border-2 border-amber-600 bg-amber-50 p-4"
      data-testid="bulk-confirm"
    >
      <h2 id="bulk-confirm-title" ref={heading} tabIndex={-1} className="text-lg font-bold">
        确认{label}以下 {n} 个用户
        {plan.unit ? `到“${plan.unit.name}”（${plan.unit.code}）` : ""}？
      </h2>
      {plan.action === "disable" ? (
        <p>停用后这些用户立即退出登录，不能再登录，直到重新启用。</p>
      ) : null}
      {plan.action === "reset-password" ? (
        <p>原密码立即失效，用户被退出登录；新的初始密码只显示和下载一次，首次登录须修改。</p>
      ) : null}
      {plan.action === "move" ? <p>移动后这些用户须重新登录。</p> : null}
      <ul className="my-2 max-h-64 list-disc overflow-y-auto pl-6">
        {plan.users.map((u) => (
          <li key={u.id}>
            {u.name}（{u.username}）{u.unitName ? ` · ${u.unitName}` : ""}
          </li>
        ))}
      </ul>
      <Form method="post" className="flex flex-wrap gap-3">
        <input type="hidden" name="bulkAction" value={plan.action} />
        <input type="hidden" name="orgUnitCode" value={plan.orgUnitCode} />
        {plan.users.map((u) => (
          <input key={u.id} type="hidden" name="userId" value={u.id} />
        ))}
        <Button
          type="submit"
          name="intent"
          value="bulk-apply"
          variant={plan.action === "enable" ? "primary" : "danger"}
          disabled={busy}
        >
          确认{label}（{n} 人）
        </Button>
        <Link
          to={search || "."}
          className="tap-target rounded border border-stone-400 px-4 py-2 no-underline"
        >
          取消
        </Link>
      </Form>
    </section>
  );
}

type Credential = { username: string; name: string; unit: string; password: string };

/** A bulk reset's passwords: the download at the top, then the table (shown this once). */
export function ResetPasswords({
  reset,
  view,
}: {
  reset: string;
  view: { credentials: Credential[] | null; downloadable: boolean; count: number };
}) {
  const [downloaded, setDownloaded] = useState(false);
  return (
    <section aria-labelledby="reset-title" className="mb-4 space-y-3 rounded border p-4">
      <h2 id="reset-title" className="text-lg font-bold">
        新的初始密码
      </h2>
      {view.downloadable && !downloaded ? (
        <div className="flex flex-wrap items-center gap-3">
          <form
            method="post"
            action="/admin/users/passwords"
            onSubmit={() => setTimeout(() => setDownloaded(true), 0)}
          >
            <input type="hidden" name="reset" value={reset} />
            <Button type="submit">下载初始密码（CSV，只能下载一次）</Button>
          </form>
          <form method="post" action="/admin/users/passwords">
            <input type="hidden" name="reset" value={reset} />
            <Button type="submit" name="intent" value="forget" variant="secondary">
              我已保存，清除密码
            </Button>
          </form>
        </div>
      ) : (
        <p>初始密码已下载或已清除，系统中不再保留。如有遗失，请再次为该用户重置密码。</p>
      )}
      {view.credentials ? (
        <table className="w-full border border-stone-300 bg-white text-sm">
          <caption className="mb-1 text-left font-bold">初始密码（只显示这一次）</caption>
          <thead>
            <tr>
              <th className="px-2 py-1 text-left">工号</th>
              <th className="px-2 py-1 text-left">姓名</th>
              <th className="px-2 py-1 text-left">初始密码</th>
            </tr>
          </thead>
          <tbody>
            {view.credentials.map((c) => (
              <tr key={c.username} className="border-t border-stone-200">
                <td className="px-2 py-1">{c.username}</td>
                <td className="px-2 py-1">{c.name}</td>
                <td className="px-2 py-1">
                  <code className="rounded bg-stone-200 px-1">{c.password}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
