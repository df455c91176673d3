import type { ComparisonRow } from "#app/modules/laws/compare.ts";
import { DiffText } from "./diff-text.tsx";

const KIND: Record<ComparisonRow["kind"], string> = {
  added: "新增",
  deleted: "删除",
  changed: "修改",
  unchanged: "未改动",
};

/** One row of a 新旧对照: its kind, 条号变化, and the word-level differences. */
export function CompareRow({ row, from, to }: { row: ComparisonRow; from: string; to: string }) {
  const title =
    row.kind === "added"
      ? `${to}年版${row.new.label}`
      : row.kind === "deleted"
        ? `${from}年版${row.old.label}`
        : row.moved
          ? `${from}年版${row.old.label} → ${to}年版${row.new.label}`
          : `${row.new.label}`;
  return (
    <li className="rounded-lg border border-stone-300 bg-white p-4">
      <h2 className="mb-2 font-semibold">
        <span className="mr-2 rounded border border-stone-500 px-1.5 text-sm">
          {KIND[row.kind]}
        </span>
        {row.kind !== "added" && row.kind !== "deleted" && row.moved ? (
          <span className="mr-2 rounded border border-sky-700 px-1.5 text-sm">条号变化</span>
        ) : null}
        {title}
      </h2>
      {row.kind === "added" ? (
        <DiffText parts={[{ value: row.new.text, added: true, removed: false }]} />
      ) : row.kind === "deleted" ? (
        <DiffText parts={[{ value: row.old.text, added: false, removed: true }]} />
      ) : (
        <DiffText parts={row.diff} />
      )}
    </li>
  );
}
