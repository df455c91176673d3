import type { Server } from "node:http";

/**
 * On SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish,
 * then exit; force the exit after `timeoutMs` if a request hangs.
 */
export function gracefulShutdown(
  server: Server,
  opts: { timeoutMs: number; exit: (code: number) => void; log?: (msg: string) => void },
) {
  let closing = false;
  return (signal: string) => {
    if (closing) return;
    closing = true;
    opts.log?.(`${signal}: closing, waiting for in-flight requests`);
    server.close(() => opts.exit(0));
    // Keep-alive sockets with no request in flight would hold close() open.
    server.closeIdleConnections();
    setTimeout(() => {
      opts.log?.(`in-flight requests did not finish in ${opts.timeoutMs} ms; exiting`);
      opts.exit(1);
    }, opts.timeoutMs).unref();
  };
}
