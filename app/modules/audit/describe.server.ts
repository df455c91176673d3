import { normaliseIp } from "#app/utils/ip.ts";
import { actionLabel } from "./actions.ts";
import { kindLabel, resultLabel, SETTING_GROUPS } from "./catalog.ts";
import { detailFields, REF_KINDS, type Field, type Names, type RefKind } from "./fields.ts";
import { resolveNames, type RowRefs } from "./resolve.server.ts";

export type AuditRow = RowRefs & {
  id: number;
  at: Date;
  actorName: string | null;
  action: string;
  result: string;
  ip: string | null;
};

/** One audit row as the auditor reads it: every code in Chinese, every record by its name. */
export type ReadableRow = {
  id: number;
  at: Date;
  actor: string;
  action: string;
  actionLabel: string;
  object: string;
  result: string;
  resultLabel: string;
  ip: string | null;
  fields: Field[];
};

function actorText(r: AuditRow, names: Names): string {
  if (r.actorId !== null)
    return names.user?.[String(r.actorId)] ?? `用户编号 ${r.actorId}（已不存在）`;
  if (r.actorName) return `输入的账号“${r.actorName}”（无此用户）`;
  return "系统（定时任务或服务器命令）";
}

function objectText(r: AuditRow, names: Names): string {
  const type = r.objectType;
  if (!type) return "—";
  const label = kindLabel(type);
  if (r.objectId === null) return label;
  if ((REF_KINDS as readonly string[]).includes(type)) {
    const name = names[type as RefKind]?.[r.objectId];
    return name ? `${label} ${name}` : `${label} 编号 ${r.objectId}（已不存在）`;
  }
  if (type === "setting") return `${label}：${SETTING_GROUPS[r.objectId] ?? r.objectId}`;
  return `${label} ${r.objectId}`;
}

export function describeRow(r: AuditRow, names: Names): ReadableRow {
  return {
    id: r.id,
    at: r.at,
    actor: actorText(r, names),
    action: r.action,
    actionLabel: actionLabel(r.action),
    object: objectText(r, names),
    result: r.result,
    resultLabel: resultLabel(r.result),
    ip: normaliseIp(r.ip),
    fields: detailFields(r.action, r.detail, names),
  };
}

/** A page (or an export batch) of rows, with the names of everything they mention read in one query per kind. */
export async function describeRows(rows: readonly AuditRow[]): Promise<ReadableRow[]> {
  const names = await resolveNames(rows);
  return rows.map((r) => describeRow(r, names));
}
