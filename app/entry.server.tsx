import {
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { logRemixError } from "./utils/log.server.ts";
import { RETRY_AFTER_SECONDS } from "./data/errors.ts";
import { ServerInfoProvider } from "./utils/server-info.tsx";
import { stripNulBytes } from "./utils/strip-nul.server.ts";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const info = { nonce: loadContext.cspNonce ?? "", requestId: loadContext.requestId ?? "" };
  // The app defers nothing (no defer(), <Await> or Suspense), so the whole page is ready with its
  // shell: it is rendered completely and sent as one body with a Content-Length, one socket
  // write instead of one per React chunk (issue 14).
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <ServerInfoProvider value={info}>
        <RemixServer
          context={remixContext}
          url={request.url}
          abortDelay={ABORT_DELAY}
          nonce={info.nonce}
        />
      </ServerInfoProvider>,
      {
        nonce: info.nonce,
        onAllReady: () => {
          shellRendered = true;
          // React 18.3.1 can put NUL bytes into multi-byte text at its buffer boundary: strip-nul.server.ts.
          const clean = stripNulBytes();
          const chunks: Buffer[] = [];
          clean.on("data", (chunk: Buffer) => chunks.push(chunk));
          clean.on("error", reject);
          clean.on("end", () => {
            const html = Buffer.concat(chunks);
            responseHeaders.set("Content-Type", "text/html; charset=utf-8");
            responseHeaders.set("Cache-Control", "no-store");
            responseHeaders.set("Content-Length", String(html.length));
            // A busy database (app/data/busy.server.ts): tell clients when to come back.
            if (responseStatusCode === 503)
              responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
            resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
          });
          pipe(clean);
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logRemixError(error, request, { requestId: info.requestId });
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Logs the error with the request id the 500 page shows, never to the user (log.server.ts). */
export const handleError: HandleErrorFunction = (error, { request, context }) =>
  logRemixError(error, request, context as AppLoadContext);

/** Client-side navigations get the request id in the (already sanitised) error message. */
export const handleDataRequest: HandleDataRequestFunction = async (response, { context }) => {
  if (response.headers.has("X-Remix-Error") && response.status >= 500) {
    const headers = new Headers(response.headers);
    headers.delete("Content-Length");
    return new Response(
      JSON.stringify({
        message: `Unexpected Server Error [${(context as AppLoadContext).requestId}]`,
      }),
      {
        status: response.status,
        headers,
      },
    );
  }
  return response;
};
