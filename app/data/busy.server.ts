import type { ServerBuild } from "@remix-run/node";
import { DatabaseBusyError, RETRY_AFTER_SECONDS } from "./errors.ts";
import { isPgBusy } from "./postgres.server.ts";

// Issue 11 item 22: a request that cannot get the database in time answers 503 with
// Retry-After and a Chinese message, never 500. The write rule throws DatabaseBusyError after
// rolling back (nothing half-written); this turns it into that answer for every route, so no
// route has to remember it.

export const BUSY_MESSAGE = "系统繁忙，请稍后重试";

/**
 * DatabaseBusyError, also as a wrapper rethrows it (by its code). PostgreSQL's busy codes
 * (postgres.server.ts) count on a read outside `write` too: a lock or statement timeout
 * answers 503, not 500.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (error instanceof DatabaseBusyError || isPgBusy(error)) return true;
  const code = typeof error === "object" && error !== null && (error as { code?: unknown }).code;
  return code === "DATABASE_BUSY";
}

export function busyResponse(): Response {
  return new Response(BUSY_MESSAGE, {
    status: 503,
    headers: {
      "Retry-After": String(RETRY_AFTER_SECONDS),
      "Content-Type": "text/plain; charset=utf-8",
    },
  });
}

type Handler = (...args: never[]) => unknown;

function answerBusy<F extends Handler>(fn: F): F {
  return (async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (isDatabaseBusy(error)) throw busyResponse();
      throw error;
    }
  }) as F;
}

/** The Remix build with every loader and action answering 503 when the database is busy. */
export function withBusyAnswer(build: ServerBuild): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const { loader, action } = route.module;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(loader ? { loader: answerBusy(loader) } : {}),
        ...(action ? { action: answerBusy(action) } : {}),
      },
    };
  }
  return { ...build, routes };
}
