import { cleanStrictCell, cleanTextCell } from "./cells.ts";
import {
  COLUMNS,
  RosterRowSchema,
  type ColumnKey,
  type ImportRole,
  type RawRow,
  type RowIssue,
} from "./schemas.ts";
import { loadUnitDirectory, takenValues } from "./units.server.ts";

export type ValidRow = {
  line: number;
  username: string;
  name: string;
  mobile: string | null;
  role: ImportRole;
  orgUnitId: number;
  unitLabel: string;
};
export type Validation = {
  total: number;
  /** Rows that passed every check; imported only when `issues` is empty (all or nothing). */
  rows: ValidRow[];
  issues: RowIssue[];
  /** Free-text cells whose leading formula characters were stripped. */
  neutralised: number;
};

const TEXT_COLUMNS: readonly ColumnKey[] = ["name", "unit"];
const KEYS = Object.keys(COLUMNS) as ColumnKey[];

type Identity = { line: number; username: string; mobile: string | null };
/** `identity` when 工号 and mobile are well-formed (they count for duplicates even if another cell is bad); `row` when all is well. */
type Checked = { identity: Identity | null; row: ValidRow | null };

function checkRow(
  raw: RawRow,
  matchUnit: Awaited<ReturnType<typeof loadUnitDirectory>>,
  issues: RowIssue[],
): { checked: Checked; neutralised: number } {
  const values = {} as Record<ColumnKey, string>;
  let neutralised = 0;
  const reported = new Set<ColumnKey>();
  for (const key of KEYS) {
    const cell = TEXT_COLUMNS.includes(key)
      ? cleanTextCell(raw.cells[key])
      : cleanStrictCell(raw.cells[key]);
    if (cell.neutralised) neutralised++;
    if (cell.control) {
      issues.push({ line: raw.line, column: key, message: "包含换行、制表符或其他控制字符" });
      reported.add(key);
    }
    values[key] = cell.value;
  }
  const parsed = RosterRowSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = issue.path[0] as ColumnKey;
      if (reported.has(column)) continue;
      reported.add(column);
      issues.push({ line: raw.line, column, message: issue.message });
    }
  }
  const identity =
    reported.has("username") || reported.has("mobile")
      ? null
      : {
          line: raw.line,
          username: values.username,
          mobile: RosterRowSchema.shape.mobile.parse(values.mobile) || null,
        };
  if (!parsed.success || reported.size > 0)
    return { checked: { identity, row: null }, neutralised };
  const unit = matchUnit(parsed.data.unit);
  if (!unit.ok) {
    issues.push({ line: raw.line, column: "unit", message: unit.message });
    return { checked: { identity, row: null }, neutralised };
  }
  const { name, role } = parsed.data;
  return {
    checked: {
      identity,
      row: {
        line: raw.line,
        username: values.username,
        name,
        mobile: identity?.mobile ?? null,
        role,
        orgUnitId: unit.id,
        unitLabel: unit.label,
      },
    },
    neutralised,
  };
}

/**
 * 工号 and mobile must be unique in the file and against the database. A login
 * matches either, so a 工号 may not equal another row's (or user's) mobile.
 * The second and later occurrences are reported, naming the first.
 */
export async function findClashes(
  rows: { line: number; username: string; mobile: string | null }[],
): Promise<RowIssue[]> {
  const issues: RowIssue[] = [];
  const firstName = new Map<string, number>();
  const firstMobile = new Map<string, number>();
  for (const r of rows) {
    const key = r.username.toLowerCase();
    const prior = firstName.get(key) ?? firstMobile.get(key);
    if (prior !== undefined) {
      const what = firstName.has(key) ? "工号重复（不区分大小写）" : "手机号相同";
      issues.push({ line: r.line, column: "username", message: `工号与第 ${prior} 行的${what}` });
    } else firstName.set(key, r.line);
    if (!r.mobile) continue;
    const mobilePrior = firstMobile.get(r.mobile) ?? firstName.get(r.mobile);
    if (mobilePrior !== undefined && mobilePrior !== r.line)
      issues.push({ line: r.line, column: "mobile", message: `手机号与第 ${mobilePrior} 行重复` });
    else firstMobile.set(r.mobile, r.line);
  }
  const taken = await takenValues(
    rows.flatMap((r) => (r.mobile ? [r.username, r.mobile] : [r.username])),
  );
  for (const r of rows) {
    const name = r.username.toLowerCase();
    if (taken.usernames.has(name))
      issues.push({ line: r.line, column: "username", message: "系统中已有该工号（用户名）" });
    else if (taken.mobiles.has(r.username))
      issues.push({ line: r.line, column: "username", message: "工号与系统中某用户的手机号相同" });
    if (r.mobile && (taken.mobiles.has(r.mobile) || taken.usernames.has(r.mobile)))
      issues.push({ line: r.line, column: "mobile", message: "该手机号已被系统中的其他用户使用" });
  }
  return issues;
}

/** Checks every row: cells, format (zod), unit, duplicates. Nothing is written. */
export async function validateRoster(
  raw: RawRow[],
  readIssues: RowIssue[] = [],
): Promise<Validation> {
  const matchUnit = await loadUnitDirectory();
  const issues: RowIssue[] = [...readIssues];
  const checked: Checked[] = [];
  let neutralised = 0;
  for (const row of raw) {
    const result = checkRow(row, matchUnit, issues);
    checked.push(result.checked);
    neutralised += result.neutralised;
  }
  issues.push(...(await findClashes(checked.flatMap((c) => (c.identity ? [c.identity] : [])))));
  const badLines = new Set(issues.map((i) => i.line));
  const columnOrder = (c: ColumnKey | null) => (c ? KEYS.indexOf(c) : -1);
  issues.sort((a, b) => a.line - b.line || columnOrder(a.column) - columnOrder(b.column));
  const rows = checked.flatMap((c) => (c.row && !badLines.has(c.row.line) ? [c.row] : []));
  return { total: raw.length, rows, issues, neutralised };
}
