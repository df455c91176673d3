import escape from "escape-html";

// The charts as HTML strings, the same on the server and in the browser (pure functions of the
// loader data), rendered with `dangerouslySetInnerHTML` (decision 0014, session 12): the city
// overview's trend has a hundred weekly points and its data table a hundred rows, the unit chart
// 25 bars; React rendered each element on every request. The markup is what the React charts
// (session 11) rendered, element for element and attribute for attribute
// (charts-html.test.ts compares them). Numbers are printed beside every bar and point, so nothing
// depends on colour alone; each chart has a text alternative and the pages show the same numbers
// as a table.

/** Text or a double-quoted attribute value made safe to place in HTML (& < > " ' escaped). */
const esc: (text: string) => string = escape;

/** The bar chart's SVG and caption: the inside of its `<figure className="overflow-x-auto">`. */
export function barChartHtml(title: string, rows: { label: string; value: number }[]): string {
  const barH = 22;
  const height = rows.length * (barH + 8) + 8;
  const y = (i: number) => 8 + i * (barH + 8);
  const w = (v: number) => Math.max(0, Math.min(100, v)) * 3.6;
  const label = `${title}：${rows.map((r) => `${r.label} ${r.value}%`).join("，")}`;
  let html = `<svg role="img" aria-label="${esc(label)}" viewBox="0 0 640 ${height}" class="w-full min-w-[32rem] text-[12px]"><g class="stroke-stone-300">`;
  for (const v of [0, 50, 100]) {
    const x = 204 + v * 3.6;
    html += `<line x1="${x}" x2="${x}" y1="4" y2="${height - 4}"${v ? ' stroke-dasharray="3 3"' : ""}></line>`;
  }
  html += `</g><g class="fill-stone-800" text-anchor="end">`;
  rows.forEach((r, i) => {
    const text = r.label.length > 14 ? `${r.label.slice(0, 14)}…` : r.label;
    html += `<text x="196" y="${y(i) + 15}">${esc(text)}</text>`;
  });
  html += `</g><g class="fill-brand-600">`;
  rows.forEach((r, i) => {
    html += `<rect x="204" y="${y(i)}" width="${w(r.value)}" height="${barH}"></rect>`;
  });
  html += `</g><g class="fill-stone-900">`;
  rows.forEach((r, i) => {
    html += `<text x="${210 + w(r.value)}" y="${y(i) + 15}">${r.value}%</text>`;
  });
  return `${html}</g></svg><figcaption class="sr-only">${esc(title)}</figcaption>`;
}

/**
 * The line chart's SVG and caption (the inside of its `<figure className="overflow-x-auto">`);
 * an empty string for no points (the page says 暂无数据 instead).
 */
export function lineChartHtml(title: string, points: { label: string; value: number }[]): string {
  if (points.length === 0) return "";
  const W = 640;
  const H = 220;
  const x = (i: number) => 40 + (points.length === 1 ? 0 : (i * (W - 60)) / (points.length - 1));
  const y = (v: number) => H - 30 - (Math.min(100, v) * (H - 50)) / 100;
  const d = points.map((p, i) => `${i ? "L" : "M"}${x(i)},${y(p.value)}`).join(" ");
  const label = `${title}：${points.map((p) => `${p.label} ${p.value}%`).join("，")}`;
  let html = `<svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${W} ${H}" class="w-full min-w-[32rem]">`;
  for (const v of [0, 50, 100]) {
    html += `<g><line x1="40" x2="${W - 20}" y1="${y(v)}" y2="${y(v)}" class="stroke-stone-300"></line><text x="34" y="${y(v) + 4}" text-anchor="end" class="fill-stone-600 text-[11px]">${v}%</text></g>`;
  }
  html += `<path d="${d}" fill="none" class="stroke-brand-600" stroke-width="2"></path><g class="fill-brand-700">`;
  points.forEach((p, i) => {
    html += `<circle cx="${x(i)}" cy="${y(p.value)}" r="3"></circle>`;
  });
  html += `</g><g class="fill-stone-900 text-[11px]" text-anchor="middle">`;
  points.forEach((p, i) => {
    if (i === points.length - 1 || points.length <= 12)
      html += `<text x="${x(i)}" y="${y(p.value) - 8}">${p.value}%</text>`;
  });
  html += `</g><g class="fill-stone-600 text-[11px]" text-anchor="middle">`;
  const every = Math.ceil(points.length / 8);
  points.forEach((p, i) => {
    if (i % every === 0) html += `<text x="${x(i)}" y="${H - 10}">${esc(p.label)}</text>`;
  });
  return `${html}</g></svg><figcaption class="sr-only">${esc(title)}</figcaption>`;
}

/** The trend's numbers as a table (inside its `<details className="mt-2">`): week, cumulative completions, rate. */
export function trendTableHtml(points: { label: string; value: number; completed: number }[]) {
  let html =
    '<summary>查看数据表</summary><table class="mt-2 text-sm [&amp;_td]:pr-4 [&amp;_td]:text-right [&amp;_th]:pr-4 [&amp;_th]:text-right"><thead><tr><th scope="col">周</th><th scope="col">累计完成人次</th><th scope="col">完成率</th></tr></thead><tbody>';
  for (const p of points)
    html += `<tr><th scope="row" class="font-normal">${esc(p.label)}</th><td>${p.completed}</td><td>${p.value}%</td></tr>`;
  return `${html}</tbody></table>`;
}
