import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useRequestId } from "#app/utils/server-info.tsx";

const TITLES: Record<number, string> = {
  400: "请求有误",
  401: "请先登录",
  403: "无权访问",
  404: "页面不存在",
  405: "不支持的请求方式",
  413: "提交的内容过大",
  429: "请求过于频繁",
  503: "系统繁忙",
};

/** Chinese pages for every status; a 500 shows only an error id, never a stack or the request's data. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const requestId = useRequestId();
  if (isRouteErrorResponse(error) && (error.status < 500 || error.status === 503)) {
    const message = typeof error.data === "string" && error.data.length < 200 ? error.data : null;
    return (
      <section aria-labelledby="error-title" className="py-10">
        <h1 id="error-title" className="text-2xl font-bold">
          {TITLES[error.status] ?? "请求未能完成"}（{error.status}）
        </h1>
        {message ? <p className="mt-3">{message}</p> : null}
        {error.status === 404 ? <p className="mt-3">您要找的页面不存在，或已被移动。</p> : null}
        <p className="mt-6">
          <Link to="/">返回首页</Link>
        </p>
      </section>
    );
  }
  const fromMessage =
    error instanceof Error ? /\[([0-9a-f]{12})\]/.exec(error.message)?.[1] : undefined;
  return (
    <section aria-labelledby="error-title" className="py-10">
      <h1 id="error-title" className="text-2xl font-bold">
        服务器出错了（500）
      </h1>
      <p className="mt-3">
        系统处理您的请求时发生错误，请稍后重试。如需联系管理员，请提供错误编号。
      </p>
      <p className="mt-3">
        错误编号：
        <code className="rounded bg-stone-200 px-1">{fromMessage ?? (requestId || "未知")}</code>
      </p>
      <p className="mt-6">
        <Link to="/">返回首页</Link>
      </p>
    </section>
  );
}
