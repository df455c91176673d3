// Issue 11 item 16: Remix errors are logged as request id, route, status and reason; a 4xx
// without a stack, and never a submitted value (a password quoted in a database error).
import { createStaticHandler } from "@remix-run/router";
import { describe, expect, it } from "vitest";
import { captureLog, logRemixError, type RequestLogRecord } from "./log.server.ts";

const SECRET = "Pa55word-that-must-not-leak";

function captured(fn: () => void): RequestLogRecord[] {
  const records: RequestLogRecord[] = [];
  const restore = captureLog(records);
  try {
    fn();
  } finally {
    restore();
  }
  return records;
}

describe("request log", () => {
  it("logs the router's 405 (a method a route has no action for) as one line without a stack", async () => {
    const handler = createStaticHandler([{ id: "root", path: "/", loader: () => null }]);
    const request = new Request(`http://localhost/?password=${SECRET}`, {
      method: "PUT",
      body: `password=${SECRET}`,
    });
    const context = await handler.query(request);
    if (context instanceof Response) throw new Error("expected a context");
    const error = Object.values(context.errors ?? {})[0];
    const records = captured(() => logRemixError(error, request, { requestId: "abc123" }));
    expect(records).toEqual([
      {
        level: "warn",
        requestId: "abc123",
        method: "PUT",
        route: "/",
        status: 405,
        reason: "Method Not Allowed",
      },
    ]);
  });

  it("logs a thrown 403 Response without a stack", () => {
    const request = new Request("http://localhost/admin/users");
    const records = captured(() =>
      logRemixError(
        new Response("您没有权限访问此页面", { status: 403, statusText: "Forbidden" }),
        request,
        {
          requestId: "r1",
        },
      ),
    );
    expect(records).toEqual([
      {
        level: "warn",
        requestId: "r1",
        method: "GET",
        route: "/admin/users",
        status: 403,
        reason: "Forbidden",
      },
    ]);
  });

  it("never copies a submitted value into the log: a database error that quotes a password", async () => {
    // PostgreSQL quotes the offending value, e.g. 22P02 invalid input syntax for type integer.
    const error = Object.assign(new Error(`invalid input syntax for type integer: "${SECRET}"`), {
      code: "22P02",
    });
    const request = new Request(`http://localhost/admin/users/1?q=${SECRET}`, { method: "POST" });
    const records = captured(() => logRemixError(error, request, { requestId: "r2" }));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: "error",
      requestId: "r2",
      route: "/admin/users/1",
      status: 500,
      reason: "Error 22P02",
    });
    expect(records[0]!.frames!.length).toBeGreaterThan(0);
    expect(JSON.stringify(records)).not.toContain(SECRET);
  });

  it("logs another 500 by class and stack frames, not by its message", () => {
    const request = new Request("http://localhost/x", { method: "POST" });
    const records = captured(() =>
      logRemixError(new Error(`bad value ${SECRET}`), request, { requestId: "r3" }),
    );
    expect(records[0]).toMatchObject({ status: 500, reason: "Error" });
    expect(JSON.stringify(records)).not.toContain(SECRET);
  });
});
