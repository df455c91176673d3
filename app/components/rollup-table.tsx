import { useResolvedPath } from "@remix-run/react";
import { useDelegatedLinks } from "#app/components/delegated-links.tsx";
import { rollupTableHtml, type RollupRow, type RollupTotal } from "./rollup-table-html.ts";

/**
 * Rates per child unit with drill-down links; the numbers a chart shows, as a table. Rendered
 * as one HTML string (rollup-table-html.ts); a plain click on a drill-down link navigates in the
 * app (one delegated handler, decision 0014).
 */
export function RollupTable({
  rows,
  total,
  drillHref,
  caption,
}: {
  rows: RollupRow[];
  total: RollupTotal;
  drillHref: (unitId: number) => string;
  caption: string;
}) {
  const onClick = useDelegatedLinks();
  // A drill-down link is a query on this page ("?unit=…"): resolved against the route's path
  // once, as `<Link to>` resolved each (the same href in the HTML).
  const here = useResolvedPath("").pathname;
  const href = (unitId: number) => {
    const to = drillHref(unitId);
    return to.startsWith("?") ? here + to : to;
  };
  return (
    <div
      className="overflow-x-auto"
      onClick={onClick}
      dangerouslySetInnerHTML={{ __html: rollupTableHtml(rows, total, href, caption) }}
    />
  );
}

export { STATUS_TEXT as STATUS_LABELS } from "#app/modules/assignments/status.ts";
