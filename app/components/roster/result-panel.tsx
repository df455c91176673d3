import { Form, Link } from "@remix-run/react";
import { useState } from "react";
import { Button } from "#app/components/ui/button.tsx";
import { FormError, Notice } from "#app/components/ui/field.tsx";
import type { JobView } from "#app/modules/roster/jobs.server.ts";

const cell = "border-b border-stone-200 px-2 py-1 text-left";

function Passwords({
  credentials,
  total,
}: {
  credentials: NonNullable<JobView["credentials"]>;
  total: number;
}) {
  return (
    <>
      <table
        className="w-full border border-stone-300 bg-white text-sm"
        data-testid="initial-passwords"
      >
        <caption className="mb-1 text-left font-bold">初始密码（只显示这一次）</caption>
        <thead>
          <tr>
            <th className={cell}>工号</th>
            <th className={cell}>姓名</th>
            <th className={cell}>单位</th>
            <th className={cell}>初始密码</th>
          </tr>
        </thead>
        <tbody>
          {credentials.map((c) => (
            <tr key={c.username}>
              <td className={cell}>{c.username}</td>
              <td className={cell}>{c.name}</td>
              <td className={cell}>{c.unit}</td>
              <td className={cell}>
                <code className="rounded bg-stone-200 px-1">{c.password}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > credentials.length ? (
        <p>
          页面只显示前 {credentials.length} 个，全部 {total} 个初始密码请下载 CSV 文件。
        </p>
      ) : null}
    </>
  );
}

function Download({ view }: { view: JobView }) {
  const [downloaded, setDownloaded] = useState(false);
  if (!view.downloadable || downloaded) {
    return (
      <p>初始密码已下载或已清除，系统中不再保留。如有遗失，请在“用户管理”中为该用户重置密码。</p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-3">
      {/* A native POST: the file downloads, the page stays, and the passwords leave the server's memory. */}
      <form
        method="post"
        action="/admin/import/passwords"
        onSubmit={() => setTimeout(() => setDownloaded(true), 0)}
      >
        <input type="hidden" name="job" value={view.id} />
        <Button type="submit">下载初始密码（CSV，只能下载一次）</Button>
      </form>
      <Form method="post">
        <input type="hidden" name="job" value={view.id} />
        <Button type="submit" name="intent" value="forget" variant="secondary">
          我已保存，清除密码
        </Button>
      </Form>
    </div>
  );
}

export function ResultPanel({ view }: { view: JobView }) {
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-bold">导入完成</h2>
      <Notice>
        已导入 {view.importedCount.toLocaleString("zh-CN")}{" "}
        人。请把初始密码当面或通过安全渠道告知本人；首次登录时必须修改密码。离开本页后密码将无法再次查看。
      </Notice>
      {/* The download first (issue 17): with 500 rows below it was 15,000 px down the page. */}
      <Download view={view} />
      {view.credentials ? (
        <Passwords credentials={view.credentials} total={view.credentialsTotal} />
      ) : null}
      <p className="flex gap-4">
        <Link to="/admin/users">查看用户列表</Link>
        <Link to="/admin/import">继续导入</Link>
      </p>
    </div>
  );
}

export function FailedPanel({ view }: { view: JobView }) {
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-bold">导入未完成</h2>
      <FormError message={view.message ?? "导入失败，未导入任何人员"} />
      <Link to="/admin/import">重新上传</Link>
    </div>
  );
}
