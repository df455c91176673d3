// Server-rendered SVG charts: numbers are printed beside every bar and point, so
// nothing depends on colour alone; each chart has a text alternative and the
// pages show the same numbers as a table.

export function BarChart({
  title,
  rows,
}: {
  title: string;
  rows: { label: string; value: number }[];
}) {
  const barH = 22;
  const height = rows.length * (barH + 8) + 8;
  const y = (i: number) => 8 + i * (barH + 8);
  const w = (v: number) => Math.max(0, Math.min(100, v)) * 3.6;
  // Fill and font size are set on the groups (SVG inherits them): a page may chart dozens of units.
  return (
    <figure className="overflow-x-auto">
      <svg
        role="img"
        aria-label={`${title}：${rows.map((r) => `${r.label} ${r.value}%`).join("，")}`}
        viewBox={`0 0 640 ${height}`}
        className="w-full min-w-[32rem] text-[12px]"
      >
        <g className="stroke-stone-300">
          {[0, 50, 100].map((v) => (
            <line
              key={v}
              x1={204 + v * 3.6}
              x2={204 + v * 3.6}
              y1={4}
              y2={height - 4}
              strokeDasharray={v ? "3 3" : undefined}
            />
          ))}
        </g>
        <g className="fill-stone-800" textAnchor="end">
          {rows.map((r, i) => (
            <text key={i} x="196" y={y(i) + 15}>
              {r.label.length > 14 ? `${r.label.slice(0, 14)}…` : r.label}
            </text>
          ))}
        </g>
        <g className="fill-brand-600">
          {rows.map((r, i) => (
            <rect key={i} x="204" y={y(i)} width={w(r.value)} height={barH} />
          ))}
        </g>
        <g className="fill-stone-900">
          {rows.map((r, i) => (
            <text key={i} x={210 + w(r.value)} y={y(i) + 15}>
              {r.value}%
            </text>
          ))}
        </g>
      </svg>
      <figcaption className="sr-only">{title}</figcaption>
    </figure>
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
  const W = 640;
  const H = 220;
  const x = (i: number) => 40 + (points.length === 1 ? 0 : (i * (W - 60)) / (points.length - 1));
  const y = (v: number) => H - 30 - (Math.min(100, v) * (H - 50)) / 100;
  const d = points.map((p, i) => `${i ? "L" : "M"}${x(i)},${y(p.value)}`).join(" ");
  return (
    <figure className="overflow-x-auto">
      <svg
        role="img"
        aria-label={`${title}：${points.map((p) => `${p.label} ${p.value}%`).join("，")}`}
        viewBox={`0 0 ${W} ${H}`}
        className="w-full min-w-[32rem]"
      >
        {[0, 50, 100].map((v) => (
          <g key={v}>
            <line x1="40" x2={W - 20} y1={y(v)} y2={y(v)} className="stroke-stone-300" />
            <text x="34" y={y(v) + 4} textAnchor="end" className="fill-stone-600 text-[11px]">
              {v}%
            </text>
          </g>
        ))}
        <path d={d} fill="none" className="stroke-brand-600" strokeWidth="2" />
        <g className="fill-brand-700">
          {points.map((p, i) => (
            <circle key={i} cx={x(i)} cy={y(p.value)} r="3" />
          ))}
        </g>
        <g className="fill-stone-900 text-[11px]" textAnchor="middle">
          {points.map((p, i) =>
            i === points.length - 1 || points.length <= 12 ? (
              <text key={i} x={x(i)} y={y(p.value) - 8}>
                {p.value}%
              </text>
            ) : null,
          )}
        </g>
        <g className="fill-stone-600 text-[11px]" textAnchor="middle">
          {points.map((p, i) =>
            i % Math.ceil(points.length / 8) === 0 ? (
              <text key={i} x={x(i)} y={H - 10}>
                {p.label}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption className="sr-only">{title}</figcaption>
    </figure>
  );
}
