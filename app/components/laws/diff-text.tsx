type Part = { value: string; added: boolean; removed: boolean };

/** Word-level differences: deletions struck through, insertions underlined (and named for screen readers). */
export function DiffText({ parts }: { parts: Part[] }) {
  return (
    <p className="whitespace-pre-line">
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="bg-green-100 text-green-900">
            <span className="sr-only">［新增：</span>
            {p.value}
            <span className="sr-only">］</span>
          </ins>
        ) : p.removed ? (
          <del key={i} className="bg-red-100 text-red-900">
            <span className="sr-only">［删除：</span>
            {p.value}
            <span className="sr-only">］</span>
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </p>
  );
}
