import { Link, useSearchParams } from "@remix-run/react";

export function Pager({ page, pages, total, noun = "条" }: { page: number; pages: number; total: number; noun?: string }) {
  const [params] = useSearchParams();
  const href = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next}`;
  };
  return (
    <nav aria-label="分页" className="mt-4 flex flex-wrap items-center gap-4">
      <span>
        共 {total} {noun}，第 {page} / {pages} 页
      </span>
      {page > 1 ? <Link to={href(page - 1)}>上一页</Link> : null}
      {page < pages ? <Link to={href(page + 1)}>下一页</Link> : null}
    </nav>
  );
}
