import { beforeAll, describe, expect, it } from "vitest";
import { parseRosterFile } from "#app/modules/roster/parse.server.ts";
import { ensureDbReady } from "#app/data/ready.server.ts";
import {
  csvText,
  gbk,
  HEADER,
  seedRosterUnits,
  utf8,
  utf8Bom,
  xlsx,
} from "../fixtures/roster/build.ts";
import { check, issuesOf, parsed } from "../fixtures/roster/check.ts";

beforeAll(async () => {
  await ensureDbReady();
  await seedRosterUnits();
});

describe("roster import: reading files", () => {
  it("reads a GBK-encoded CSV, as Excel saves it on Chinese Windows", async () => {
    const text = csvText([
      HEADER,
      ["G0001", "张三", "AS-SJJ-K02", "13800000001", "工作人员"],
      ["G0002", "李四", "鞍山市/鞍山市数据局/政策法规科", "", "培训管理员"],
    ]);
    const { file, validation } = await check(gbk(text));
    expect(file.encoding).toBe("GBK");
    expect(validation.issues).toEqual([]);
    expect(validation.rows.map((r) => [r.line, r.username, r.name, r.role, r.unitLabel])).toEqual([
      [2, "G0001", "张三", "STAFF", "鞍山市/鞍山市数据局/政策法规科"],
      [3, "G0002", "李四", "MANAGER", "鞍山市/鞍山市数据局/政策法规科"],
    ]);
  });

  it("skips a title row above the header and keeps Excel's row numbers", async () => {
    const { validation } = await check(
      utf8(
        csvText([
          ["鞍山市数据局人员名单", "", ""],
          [],
          HEADER,
          ["T0001", "吴九", "AS-SJJ-K02", "", ""],
        ]),
      ),
    );
    expect(validation.rows).toMatchObject([{ line: 4, username: "T0001" }]);
  });

  it("reads UTF-8 with a BOM and without one, with headers in any order and extra columns ignored", async () => {
    const rows = [
      ["角色", "单位", "姓名", "备注", "工号*"],
      ["", "AS-SJJ-K02", "王五", "新入职", "B0001"],
    ];
    for (const bytes of [utf8Bom(csvText(rows)), utf8(csvText(rows))]) {
      const { file, validation } = await check(bytes);
      expect(file.encoding).toMatch(/^UTF-8/);
      expect(file.ignoredColumns).toEqual(["备注"]);
      expect(validation.rows).toMatchObject([
        { username: "B0001", name: "王五", role: "STAFF", mobile: null },
      ]);
    }
    expect((await parsed(utf8Bom(csvText(rows)))).encoding).toBe("UTF-8（带 BOM）");
  });

  it("reads Excel's Unicode text export (UTF-16 with a BOM, tab-separated)", async () => {
    const text = csvText([HEADER, ["U0001", "周八", "AS-SJJ-K02", "", ""]], "\t");
    const { file, validation } = await check(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    );
    expect(file.encoding).toBe("UTF-16");
    expect(validation.rows).toMatchObject([{ username: "U0001", name: "周八" }]);
  });

  it("reads the first worksheet of an XLSX: numbers as text, formulas by their computed value", async () => {
    const bytes = await xlsx([
      HEADER,
      ["X0001", "赵六", "AS-SJJ-K02", 13800000002, "STAFF"],
      ["X0002", { formula: 'CONCAT("钱","七")', result: "钱七" }, "AS-SJJ-K02", "", "manager"],
    ]);
    const { file, validation } = await check(bytes);
    expect(file.format).toBe("XLSX");
    expect(file.formulaCells).toBe(1);
    expect(validation.issues).toEqual([]);
    expect(validation.rows).toMatchObject([
      { username: "X0001", mobile: "13800000002" },
      { username: "X0002", name: "钱七", role: "MANAGER" },
    ]);
  });

  it("refuses an XLSX formula cell that has no computed value", async () => {
    const { validation } = await check(
      await xlsx([HEADER, ["X0003", { formula: "A1&A2" }, "AS-SJJ-K02", "", ""]]),
    );
    expect(issuesOf(validation)).toContainEqual(expect.stringMatching(/^2:name:.*公式/));
    expect(validation.rows).toEqual([]);
  });

  it("refuses files that are not CSV or XLSX, old .xls files, oversized files and a missing header", async () => {
    const cases: [Buffer, number, RegExp][] = [
      [
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
        415,
        /不是 CSV 或 XLSX/,
      ],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 415, /\.xls/],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), 415, /XLSX/],
      [Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 413, /10 MB/],
      [
        utf8(
          csvText([
            ["姓名", "手机号"],
            ["张三", ""],
          ]),
        ),
        400,
        /未找到表头：第 1 行缺少必需的列 工号、单位/,
      ],
      [
        utf8(
          csvText([
            ["工号", "姓名", "单位", "工号"],
            ["A1", "张三", "AS", "A2"],
          ]),
        ),
        400,
        /第 1 行表头中“工号”列出现了两次/,
      ],
      [utf8(csvText([HEADER])), 400, /没有人员数据/],
    ];
    for (const [bytes, status, message] of cases) {
      const result = await parseRosterFile(bytes);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.status).toBe(status);
        expect(result.message).toMatch(message);
      }
    }
  });

  it("refuses more than 50,000 rows", async () => {
    const rows = [
      HEADER,
      ...Array.from({ length: 50_001 }, (_, i) => [`M${i}`, "某", "AS", "", ""]),
    ];
    const result = await parseRosterFile(utf8(csvText(rows)));
    expect(result.ok || result.message).toMatch(/最多导入 50,000 行/);
  });
});
