import type { Table } from "#app/modules/assignments/export.server.ts";
import { annualPeopleStream, type AnnualPerson } from "./people.server.ts";
import { annualRollup, rankRows, rates, type AnnualSort } from "./stats.server.ts";

// The 年度学法统计 export: the unit table (ranked as on the page) or every person of the subtree
// (optionally only those below the requirement), as CSV or XLSX (export.server.ts writes both).

const pctCell = (v: number | null) => (v === null ? "—" : v);

export const UNIT_HEADERS = [
  "单位",
  "人数",
  "学时达标人数",
  "学时达标率(%)",
  "参加考试人数",
  "考试参考率(%)",
  "考试合格人数",
  "合格率(%)",
];
export const UNIT_WIDTHS = [30, 8, 14, 14, 14, 14, 14, 12];

export async function annualUnitTable(
  unit: { id: number; name: string; path: string },
  year: number,
  required: number,
  sort: AnnualSort,
): Promise<Table> {
  const { total, rows } = await annualRollup(unit, year, required);
  const cells = [...rankRows(rows, sort), { ...total, name: `${unit.name}（合计）` }].map((r) => {
    const x = rates(r);
    return [
      r.name,
      r.staff,
      r.met,
      pctCell(x.metRate),
      r.sat,
      pctCell(x.satRate),
      r.passed,
      pctCell(x.passRate),
    ];
  });
  return { headers: UNIT_HEADERS, rows: cells };
}

export const PEOPLE_HEADERS = [
  "工号",
  "姓名",
  "单位",
  "本年度学时",
  "学时要求",
  "是否达标",
  "完成课程数",
  "参加考试",
  "考试合格",
  "最高分",
];
export const PEOPLE_WIDTHS = [14, 12, 30, 12, 10, 10, 12, 10, 10, 8];

async function* personCells(rows: AsyncIterable<AnnualPerson>, required: number) {
  for await (const p of rows)
    yield [
      p.username,
      p.name,
      p.unitName,
      p.hours,
      required,
      p.met ? "达标" : "未达标",
      p.courses,
      p.examSat ? "是" : "否",
      p.examPassed ? "是" : "否",
      p.bestScore ?? "",
    ];
}

export function annualPeopleTable(
  unit: { path: string },
  year: number,
  required: number,
  below: boolean,
): Table {
  return {
    headers: PEOPLE_HEADERS,
    rows: personCells(annualPeopleStream(unit, year, required, below), required),
  };
}
