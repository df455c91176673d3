// One line of JSON per logged request problem: request id, method, route (the path, never the
// query string), status and a reason. Never a submitted value: no form fields, no query, and no
// error message that could quote them (a database error may quote the offending value, a
// password with it). Server errors keep their stack frames, which name code, not data.
import { env } from "./env.server.ts";

type ErrorResponseLike = { status: number; statusText: string; internal: boolean; error?: unknown };

/** Remix's ErrorResponse (what a thrown Response or a router 405/404 becomes), duck-typed as the router does. */
function isRouteErrorResponse(error: unknown): error is ErrorResponseLike {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as ErrorResponseLike).status === "number" &&
    typeof (error as ErrorResponseLike).statusText === "string" &&
    typeof (error as ErrorResponseLike).internal === "boolean" &&
    "data" in error
  );
}

export type RequestLogRecord = {
  level: "warn" | "error";
  requestId: string;
  method: string;
  route: string;
  status: number;
  reason: string;
  /** Only for 5xx: the stack frames ("at …" lines), without the message. */
  frames?: string[];
};

type Sink = (record: RequestLogRecord) => void;

const defaultSink: Sink = (record) => {
  const level = env().LOG_LEVEL;
  if (level === "silent" || (level === "error" && record.level !== "error")) return;
  process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), ...record })}\n`);
};

let sink: Sink = defaultSink;

/** For tests: capture the records; returns a function that restores the previous sink. */
export function captureLog(into: RequestLogRecord[]): () => void {
  const previous = sink;
  sink = (record) => into.push(record);
  return () => {
    sink = previous;
  };
}

/** The path only: a query string carries submitted values. */
export function routeOf(url: string): string {
  try {
    return new URL(url, "http://x.invalid").pathname.slice(0, 200);
  } catch {
    return "-";
  }
}

export function logRequestProblem(
  record: Omit<RequestLogRecord, "level"> & { level?: RequestLogRecord["level"] },
): void {
  sink({ ...record, level: record.level ?? (record.status >= 500 ? "error" : "warn") });
}

const FRAME = /^\s+at /;

/** The error's class and code, never its message (which may quote a submitted value). */
export function errorReason(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name} ${code}` : error.name;
}

function framesOf(error: unknown): string[] {
  if (!(error instanceof Error) || !error.stack) return [];
  return error.stack
    .split("\n")
    .filter((line) => FRAME.test(line))
    .slice(0, 12)
    .map((line) => line.trim());
}

/**
 * Remix's handleError: a 4xx error response (405 for a method a route does not handle, 403,
 * 404) is one line with no stack; anything else is a 5xx with a sanitised reason and frames.
 */
export function logRemixError(
  error: unknown,
  request: Request,
  context: { requestId?: string } | undefined,
): void {
  if (request.signal.aborted) return;
  const base = {
    requestId: context?.requestId ?? "-",
    method: request.method,
    route: routeOf(request.url),
  };
  if (isRouteErrorResponse(error) && error.status < 500) {
    logRequestProblem({ ...base, status: error.status, reason: error.statusText || "refused" });
    return;
  }
  if (error instanceof Response && error.status < 500) {
    logRequestProblem({ ...base, status: error.status, reason: error.statusText || "refused" });
    return;
  }
  const inner = isRouteErrorResponse(error) && error.error ? error.error : error;
  logRequestProblem({
    ...base,
    status: isRouteErrorResponse(error) ? error.status : 500,
    reason: errorReason(inner),
    frames: framesOf(inner),
  });
}
