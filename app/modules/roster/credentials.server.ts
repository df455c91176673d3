import { stringify } from "csv-stringify/sync";
import { neutraliseForSheet } from "./cells.ts";
import type { Credential } from "./import.server.ts";
import type { RowIssue } from "./schemas.ts";
import { COLUMNS } from "./schemas.ts";

const BOM = "\uFEFF";

/** UTF-8 with BOM (Excel on Chinese Windows opens it correctly), every cell kept as text. */
function csv(header: string[], rows: string[][]): string {
  return (
    BOM +
    stringify([header, ...rows.map((r) => r.map(neutraliseForSheet))], {
      record_delimiter: "\r\n",
      quoted_string: true,
    })
  );
}

export function credentialsCsv(credentials: Credential[]): string {
  return csv(
    ["工号", "姓名", "单位", "初始密码"],
    credentials.map((c) => [c.username, c.name, c.unit, c.password]),
  );
}

export function issuesCsv(issues: RowIssue[]): string {
  return csv(
    ["行号", "列", "问题"],
    issues.map((i) => [String(i.line), i.column ? COLUMNS[i.column] : "", i.message]),
  );
}

/** A download's headers: a UTF-8 file name for browsers, an ASCII one for the rest; never cached. */
export function csvHeaders(asciiName: string, chineseName: string): HeadersInit {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(chineseName)}`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

export function templateCsv(): string {
  return csv(
    ["工号", "姓名", "单位", "手机号", "角色"],
    [["A100001", "张三", "鞍山市/鞍山市数据局/政策法规科", "", "工作人员"]],
  );
}
