import { Link } from "@remix-run/react";

type VersionInfo = {
  key: string;
  revision: string;
  effective: string;
  period: string;
  validity: string;
  isDefault: boolean;
};
export type LawHeaderData = {
  id: string;
  title: string;
  kind: string;
  field: string;
  version: VersionInfo;
  versions: VersionInfo[];
  notices: string[];
};

const BADGE: Record<string, string> = {
  现行有效: "border-green-700 bg-green-50 text-green-900",
  已被修改: "border-amber-700 bg-amber-50 text-amber-900",
  尚未生效: "border-sky-700 bg-sky-50 text-sky-900",
  已废止: "border-stone-600 bg-stone-100 text-stone-800",
};

export function ValidityBadge({ validity }: { validity: string }) {
  return (
    <span
      className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${BADGE[validity] ?? ""}`}
    >
      {validity}
    </span>
  );
}

/**
 * Which version is shown, its period and 效力, links to the other versions
 * (`linkTo` builds the URL of the same page in another version).
 */
export function LawVersionInfo({
  law,
  linkTo,
}: {
  law: LawHeaderData;
  linkTo: (v: VersionInfo) => string;
}) {
  const v = law.version;
  return (
    <div className="space-y-2">
      <p className="flex flex-wrap items-center gap-2 text-stone-700">
        <ValidityBadge validity={v.validity} />
        <span>
          {law.kind} · {law.field} · {v.revision} · 施行期间：{v.period}
        </span>
      </p>
      {!v.isDefault ? (
        <p role="note" className="rounded border border-amber-700 bg-amber-50 p-3 text-sm">
          您正在查看{v.revision}的版本（{v.validity}），不是当前默认显示的版本。
        </p>
      ) : null}
      {law.notices.map((n, i) => (
        <p key={i} role="note" className="rounded border border-amber-700 bg-amber-50 p-3 text-sm">
          {n}
        </p>
      ))}
      {law.versions.length > 1 ? (
        <nav aria-label="版本" className="text-sm">
          <span className="mr-2 font-medium">全部版本：</span>
          <ul className="inline-flex flex-wrap gap-x-4 gap-y-1">
            {law.versions.map((x) => (
              <li key={x.key}>
                {x.key === v.key ? (
                  <span aria-current="true" className="font-semibold">
                    {x.key}年版（{x.validity}，{x.period}）
                  </span>
                ) : (
                  <Link to={linkTo(x)}>
                    {x.key}年版（{x.validity}，{x.period}）
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}
