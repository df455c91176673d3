import { barChartHtml, lineChartHtml } from "./charts-html.ts";

// Server-rendered SVG charts: numbers are printed beside every bar and point, so nothing depends
// on colour alone; each chart has a text alternative and the pages show the same numbers as a
// table. Each is one HTML string (charts-html.ts), built again in the browser for hydration.

export function BarChart({
  title,
  rows,
}: {
  title: string;
  rows: { label: string; value: number }[];
}) {
  return (
    <figure
      className="overflow-x-auto"
      dangerouslySetInnerHTML={{ __html: barChartHtml(title, rows) }}
    />
  );
}

export function LineChart({
  title,
  points,
}: {
  title: string;
  points: { label: string; value: number }[];
}) {
  if (points.length === 0) return <p>暂无数据。</p>;
  return (
    <figure
      className="overflow-x-auto"
      dangerouslySetInnerHTML={{ __html: lineChartHtml(title, points) }}
    />
  );
}
