import { Form, Link, useFetcher, useNavigation, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Button } from "#app/components/ui/button.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";
import { roleLabel } from "#app/utils/roles.ts";
import type { JobView } from "#app/modules/roster/jobs.server.ts";
import { COLUMNS, MAX_FILE_BYTES, MAX_ROWS } from "#app/modules/roster/schemas.ts";

const n = (value: number) => value.toLocaleString("zh-CN");
const cell = "border-b border-stone-200 px-2 py-1 text-left";

export function UploadForm({ error }: { error?: string }) {
  const navigation = useNavigation();
  const [tooBig, setTooBig] = useState<string | null>(null);
  const busy =
    navigation.state === "submitting" && navigation.formEncType === "multipart/form-data";
  const message = tooBig ?? error;
  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="rounded-lg border border-stone-300 bg-white p-6"
    >
      <input type="hidden" name="intent" value="upload" />
      <label htmlFor="roster-file" className="block font-medium">
        人员名单文件
      </label>
      <input
        id="roster-file"
        name="file"
        type="file"
        required
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? "roster-file-hint roster-file-error" : "roster-file-hint"}
        className="mt-1 block w-full rounded border border-stone-400 px-3 py-2"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          setTooBig(
            file && file.size > MAX_FILE_BYTES
              ? `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB 上限，请拆分后分批导入`
              : null,
          );
        }}
      />
      <p id="roster-file-hint" className="mt-1 text-sm text-stone-600">
        CSV（UTF-8 或 GBK 编码）或 Excel .xlsx（读取第一个工作表），不超过{" "}
        {MAX_FILE_BYTES / 1024 / 1024} MB、{n(MAX_ROWS)} 行。
      </p>
      {message ? (
        <p id="roster-file-error" className="mt-1 text-sm text-red-700">
          {message}
        </p>
      ) : null}
      <Button type="submit" className="mt-4" disabled={busy || Boolean(tooBig)}>
        {busy ? "正在上传并检查…" : "上传并预览"}
      </Button>
    </Form>
  );
}

export function FormatHelp() {
  return (
    <details className="rounded border border-stone-300 bg-white p-4">
      <summary className="cursor-pointer font-medium">文件格式说明</summary>
      <ul className="mt-2 list-disc space-y-1 pl-6">
        <li>
          表头须有“工号”“姓名”“单位”三列，可选“手机号”“角色”，列的顺序不限；表头上方可以有标题行。
        </li>
        <li>
          工号：字母、数字、连字符或下划线，最多 32 个字符，以字母或数字开头；导入后即为登录名。
        </li>
        <li>
          单位：单位编码（如 AS-SJJ-K02），或用“/”分隔的单位路径（如
          鞍山市/鞍山市数据局/政策法规科）。
        </li>
        <li>手机号：11 位中国大陆手机号，可留空。角色：工作人员或培训管理员，留空为工作人员。</li>
        <li>
          工号和手机号不能与文件中其他行或系统中已有用户重复。只要有一行有错误，整份文件都不会导入。
        </li>
        <li>姓名、单位以 = + - @ 开头的，导入时会去掉这些字符，防止被表格软件当作公式执行。</li>
      </ul>
      <p className="mt-2">
        <a href="/admin/import/template" download>
          下载 CSV 模板
        </a>
      </p>
    </details>
  );
}

function IssueTable({ view }: { view: JobView }) {
  return (
    <section aria-labelledby="issues-title">
      <h2 id="issues-title" className="mb-2 text-lg font-bold">
        问题清单
      </h2>
      <table className="w-full border border-stone-300 bg-white text-sm">
        <thead>
          <tr>
            <th className={cell}>行号</th>
            <th className={cell}>列</th>
            <th className={cell}>问题</th>
          </tr>
        </thead>
        <tbody>
          {view.issues.map((issue, i) => (
            <tr key={i} data-testid="roster-issue">
              <td className={cell}>第 {issue.line} 行</td>
              <td className={cell}>{issue.column ? COLUMNS[issue.column] : "—"}</td>
              <td className={cell}>{issue.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.issueCount > view.issues.length ? (
        <p className="mt-2">另有 {n(view.issueCount - view.issues.length)} 条问题未显示。</p>
      ) : null}
      <p className="mt-2">
        <a href={`/admin/import/errors?job=${view.id}`} download>
          下载全部问题（CSV）
        </a>
      </p>
    </section>
  );
}

function Sample({ view }: { view: JobView }) {
  return (
    <table className="w-full border border-stone-300 bg-white text-sm">
      <caption className="mb-1 text-left font-bold">前 {view.sample.length} 行预览</caption>
      <thead>
        <tr>
          {["行号", "工号", "姓名", "单位", "手机号", "角色"].map((h) => (
            <th key={h} className={cell}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.sample.map((r) => (
          <tr key={r.line}>
            <td className={cell}>{r.line}</td>
            <td className={cell}>{r.username}</td>
            <td className={cell}>{r.name}</td>
            <td className={cell}>{r.unit}</td>
            <td className={cell}>{r.mobile ?? "—"}</td>
            <td className={cell}>{roleLabel(r.role)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function PreviewPanel({ view }: { view: JobView }) {
  return (
    <div className="space-y-4">
      <dl
        className="grid grid-cols-2 gap-x-6 gap-y-1 rounded border border-stone-300 bg-white p-4 sm:grid-cols-4"
        data-testid="roster-summary"
      >
        <dt className="text-stone-600">文件</dt>
        <dd className="break-all">
          {view.fileName || "（未命名）"}（{view.format}）
        </dd>
        <dt className="text-stone-600">数据行</dt>
        <dd>{n(view.total)}</dd>
        <dt className="text-stone-600">可导入</dt>
        <dd>{n(view.valid)}</dd>
        <dt className="text-stone-600">有问题的行</dt>
        <dd>{n(view.errorLines)}</dd>
      </dl>
      {view.neutralised > 0 ? (
        <p>
          有 {n(view.neutralised)} 个姓名或单位单元格以 = + - @
          等字符开头，已去掉这些字符（防止公式注入）。
        </p>
      ) : null}
      {view.formulaCells > 0 ? (
        <p>有 {n(view.formulaCells)} 个公式单元格，按 Excel 中显示的计算结果导入。</p>
      ) : null}
      {view.ignoredColumns.length > 0 ? (
        <p>以下列不认识，已忽略：{view.ignoredColumns.join("、")}</p>
      ) : null}
      {view.issueCount > 0 ? (
        <>
          <FormError
            message={`文件中有 ${n(view.errorLines)} 行存在问题，整份文件都不会导入。请修改后重新上传。`}
          />
          <IssueTable view={view} />
        </>
      ) : (
        <>
          <Sample view={view} />
          <p>
            确认后将一次性创建 {n(view.valid)}{" "}
            个账号，每人生成随机初始密码，首次登录时必须修改。任何一条写入失败，全部不导入。预览结果保留
            30 分钟。
          </p>
        </>
      )}
      <Form method="post" className="flex flex-wrap gap-3">
        <input type="hidden" name="job" value={view.id} />
        {view.issueCount === 0 ? (
          <Button type="submit" name="intent" value="commit">
            确认导入 {n(view.valid)} 人
          </Button>
        ) : null}
        <Button type="submit" name="intent" value="discard" variant="secondary">
          放弃本次导入
        </Button>
      </Form>
    </div>
  );
}

type Status = { state: string; processed: number; total: number };

/** Polls the job's status each second; when it has finished, reloads the page's data (which then carries the passwords once). */
export function ProgressPanel({ view }: { view: JobView }) {
  const { load, data } = useFetcher<Status>();
  const { revalidate } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => load(`/admin/import/status?job=${view.id}`), 1000);
    return () => clearInterval(timer);
  }, [load, view.id]);
  const state = data?.state ?? view.state;
  useEffect(() => {
    if (state !== "hashing" && state !== "writing") revalidate();
  }, [state, revalidate]);
  const processed = data?.processed ?? view.processed;
  const total = data?.total ?? view.jobTotal;
  const phase = state === "writing" ? "正在写入数据库" : "正在生成初始密码";
  return (
    <div className="space-y-3 rounded border border-stone-300 bg-white p-4">
      {/* Without JavaScript the page reloads itself every two seconds. */}
      <noscript>
        <meta httpEquiv="refresh" content="2" />
      </noscript>
      <h2 className="text-lg font-bold">正在导入，请不要关闭本页</h2>
      <ProgressBar value={processed} max={total} label="导入进度" />
      <p role="status" aria-live="polite">
        {phase}：{n(processed)} / {n(total)}
      </p>
      <Link to={`/admin/import?job=${view.id}`}>刷新进度</Link>
    </div>
  );
}
