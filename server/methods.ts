import type { NextFunction, Request, Response } from "express";
import { logRequestProblem } from "#app/utils/log.server.ts";
import { sendErrorPage } from "./security.ts";

/** The only methods the app answers (decision 0012): pages are GET/HEAD, every form is a POST. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
const ALLOW = ALLOWED_METHODS.join(", ");

/** Methods a rate limit counts: everything but the safe GET and HEAD. */
export const isWriteMethod = (req: Request) => req.method !== "GET" && req.method !== "HEAD";

/** Logs an answer the Express layer refused: request id, route, status, reason; never a value. */
export function logRefusal(req: Request, res: Response, status: number, reason: string): void {
  logRequestProblem({
    requestId: String(res.locals.requestId ?? "-"),
    method: req.method.slice(0, 16),
    route: req.path.slice(0, 200),
    status,
    reason,
  });
}

/** PUT, PATCH, DELETE, OPTIONS and the rest get 405 with an Allow header before Remix sees them. */
export function methodGate() {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((ALLOWED_METHODS as readonly string[]).includes(req.method)) return next();
    logRefusal(req, res, 405, "method not allowed");
    res.set("Allow", ALLOW);
    sendErrorPage(res, 405, "不支持该请求方法");
  };
}
