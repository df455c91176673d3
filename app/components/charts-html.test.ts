import { createElement as h } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import * as Reference from "../../tests/fixtures/react-reference/charts.tsx";
import { BarChart, LineChart } from "./charts.tsx";
import { barChartHtml, lineChartHtml, trendTableHtml } from "./charts-html.ts";
import { rollupTableHtml, type RollupRow } from "./rollup-table-html.ts";
import { RollupTable as ReferenceTable } from "../../tests/fixtures/react-reference/rollup-table.tsx";

// The charts and the rollup table as HTML strings (decision 0014, session 12) must be the
// markup the React components rendered, byte for byte but for the apostrophe: escape-html
// writes &#39;, React &#x27; (the same character).
const react = (html: string) => html.replaceAll("&#x27;", "&#39;");
const HOSTILE = `<script>alert("x")</script> & 'quoted'`;

const bars = [
  { label: "鞍山市数据局", value: 36.2 },
  { label: "鞍山市文化旅游和广播电视局（很长的单位名称）", value: 0 },
  { label: HOSTILE, value: 100 },
  { label: "超额", value: 120 },
];
const weeks = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    label: `2026年第${String(i).padStart(2, "0")}周`,
    value: Math.round((1000 * i) / n) / 10,
    completed: i * 7,
  }));

describe("charts as HTML strings", () => {
  it("renders the bar chart the React chart rendered", () => {
    for (const rows of [bars, [], bars.slice(0, 1)]) {
      const title = `各单位完成率${HOSTILE}`;
      expect(`<figure class="overflow-x-auto">${barChartHtml(title, rows)}</figure>`).toBe(
        react(renderToStaticMarkup(h(Reference.BarChart, { title, rows }))),
      );
    }
  });

  it("renders the line chart the React chart rendered, for any number of points", () => {
    for (const points of [weeks(1), weeks(5), weeks(12), weeks(13), weeks(103)]) {
      const title = "累计完成率按周变化";
      expect(`<figure class="overflow-x-auto">${lineChartHtml(title, points)}</figure>`).toBe(
        react(renderToStaticMarkup(h(Reference.LineChart, { title, points }))),
      );
    }
    const hostile = [{ label: HOSTILE, value: 50 }];
    expect(`<figure class="overflow-x-auto">${lineChartHtml(HOSTILE, hostile)}</figure>`).toBe(
      react(renderToStaticMarkup(h(Reference.LineChart, { title: HOSTILE, points: hostile }))),
    );
    expect(lineChartHtml("t", [])).toBe("");
  });

  it("renders the trend's data table the overview rendered", () => {
    for (const trend of [[], weeks(103), [{ label: HOSTILE, value: 1, completed: 2 }]]) {
      expect(`<details class="mt-2">${trendTableHtml(trend)}</details>`).toBe(
        react(renderToStaticMarkup(h(Reference.TrendTable, { trend }))),
      );
    }
  });

  it("keeps the components' output: a figure holding the string, 暂无数据 for no points", () => {
    expect(renderToStaticMarkup(h(BarChart, { title: "t", rows: bars }))).toBe(
      `<figure class="overflow-x-auto">${barChartHtml("t", bars)}</figure>`,
    );
    expect(renderToStaticMarkup(h(LineChart, { title: "t", points: [] }))).toBe(
      "<p>暂无数据。</p>",
    );
  });
});

const row = (unitId: number, over: Partial<RollupRow> = {}): RollupRow => ({
  unitId,
  name: `单位${unitId}`,
  own: false,
  hasChildren: true,
  assigned: 10 * unitId,
  completed: 3 * unitId,
  inProgress: unitId,
  notStarted: 6 * unitId,
  overdue: 2 * unitId,
  ...over,
});

describe("the rollup table as an HTML string", () => {
  it("renders the rows, drill-down links and total the React table rendered", () => {
    const rows = [
      row(1, { own: true, name: "本级" }),
      row(2),
      row(3, { assigned: 0, completed: 0, inProgress: 0, notStarted: 0, overdue: 0 }),
      row(4, { name: HOSTILE }),
    ];
    const total = { assigned: 90, completed: 30, inProgress: 10, notStarted: 50, overdue: 20 };
    const drillHref = (u: number) =>
      `?${new URLSearchParams({ unit: String(u), sort: "low" })}&x='"`;
    for (const [r, t] of [
      [rows, total],
      [[], { ...total, assigned: 0 }],
    ] as const) {
      expect(
        `<div class="overflow-x-auto">${rollupTableHtml([...r], t, drillHref, HOSTILE)}</div>`,
      ).toBe(
        react(
          renderToStaticMarkup(
            h(ReferenceTable, { rows: [...r], total: t, drillHref, caption: HOSTILE }),
          ),
        ),
      );
    }
  });
});
