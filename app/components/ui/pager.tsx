import { Link, useSearchParams } from "@remix-run/react";

/** Previous/next links that keep the other query parameters; @param names the page parameter. */
export function Pager({
  page,
  pages,
  total,
  noun = "条",
  param = "page",
  label = "分页",
}: {
  page: number;
  pages: number;
  total: number;
  noun?: string;
  param?: string;
  label?: string;
}) {
  const [params] = useSearchParams();
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    next.set(param, String(p));
    return `?${next}`;
  };
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center gap-4">
      <span>
        共 {total} {noun}，第 {page} / {pages} 页
      </span>
      {page > 1 ? <Link to={href(page - 1)}>上一页</Link> : null}
      {page < pages ? <Link to={href(page + 1)}>下一页</Link> : null}
    </nav>
  );
}
