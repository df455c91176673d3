import { describe, expect, it } from "vitest";
import { holidayTemplateCsv, parseHolidayCsv } from "./holiday-csv.server.ts";

const csv = (text: string) => Buffer.from(text, "utf8");

describe("holiday CSV import (date,kind,name)", () => {
  it("reads the template and the State Council's rows, header optional", () => {
    expect(parseHolidayCsv(Buffer.from(holidayTemplateCsv(), "utf8"))).toEqual({
      ok: true,
      rows: [{ day: "2027-01-01", kind: "HOLIDAY", name: "元旦" }],
    });
    const r = parseHolidayCsv(csv("2027-02-06,放假,春节\n2027-02-14,上班,春节调休\n"));
    expect(r).toEqual({
      ok: true,
      rows: [
        { day: "2027-02-06", kind: "HOLIDAY", name: "春节" },
        { day: "2027-02-14", kind: "WORKDAY", name: "春节调休" },
      ],
    });
  });

  it("names every bad line in Chinese and imports nothing", () => {
    const r = parseHolidayCsv(
      csv(
        "date,kind,name\n2027-02-30,放假,春节\n2027-02-06,休假,春节\n2027-02-07,放假,\n2027-02-08\n2027-02-09,放假,春节\n2027-02-09,上班,调休\n",
      ),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      "第 2 行：日期无效，应为 YYYY-MM-DD 格式的真实日期",
      "第 3 行：类型应为“放假”或“上班”",
      "第 4 行：请填写名称（如 春节）",
      "第 5 行：应有 3 列（日期,类型,名称）",
      "第 7 行：日期 2027-02-09 与第 6 行重复",
    ]);
  });

  it("refuses an empty file, a prototype key as kind and an overlong name", () => {
    expect(parseHolidayCsv(csv("date,kind,name\n"))).toEqual({
      ok: false,
      errors: ["文件中没有节假日数据"],
    });
    const r = parseHolidayCsv(csv(`2027-01-01,__proto__,元旦\n2027-01-02,放假,${"节".repeat(21)}`));
    expect(r).toEqual({
      ok: false,
      errors: ["第 1 行：类型应为“放假”或“上班”", "第 2 行：名称最多 20 个字符"],
    });
  });
});
