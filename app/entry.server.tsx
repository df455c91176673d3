import {
  createReadableStreamFromReadable,
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { RETRY_AFTER_SECONDS } from "./data/errors.ts";
import { logRemixError } from "./utils/log.server.ts";
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
  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  const info = { nonce: loadContext.cspNonce ?? "", requestId: loadContext.requestId ?? "" };
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
        [callback]: () => {
          shellRendered = true;
          const body = new PassThrough();
          // React 18.3.1 can put NUL bytes into multi-byte text at its buffer boundary: strip-nul.server.ts.
          const clean = stripNulBytes();
          clean.pipe(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Cache-Control", "no-store");
          // A busy database (app/data/busy.server.ts): tell clients when to come back.
          if (responseStatusCode === 503)
            responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
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
