import {
  type AppLoadContext,
  type EntryContext,
  type HandleDataRequestFunction,
  type HandleErrorFunction,
} from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { UNSAFE_fzxtKeptBodyResponse } from "@remix-run/router";
import { renderToString } from "react-dom/server";
import { logRemixError } from "./utils/log.server.ts";
import { RETRY_AFTER_SECONDS } from "./data/errors.ts";
import { ServerInfoProvider } from "./utils/server-info.tsx";

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const info = { nonce: loadContext.cspNonce ?? "", requestId: loadContext.requestId ?? "" };
  // The app defers nothing (no defer(), <Await> or Suspense), so the whole page is rendered at
  // once, as one string, and sent as one body with a Content-Length (issue 14). renderToString
  // skips what a stream costs per page (the pipe, the byte buffers, an abort timer) and writes
  // no byte buffers, so it cannot put the NUL bytes of facebook/react#31134 into Chinese text.
  // A render error throws here; Remix then renders the error boundary (handleDocumentRequest).
  const html = Buffer.from(
    "<!DOCTYPE html>" +
      renderToString(
        <ServerInfoProvider value={info}>
          <RemixServer context={remixContext} url={request.url} nonce={info.nonce} />
        </ServerInfoProvider>,
      ),
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Cache-Control", "no-store");
  responseHeaders.set("Content-Length", String(html.length));
  // A busy database (app/data/busy.server.ts): tell clients when to come back.
  if (responseStatusCode === 503) responseHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
  // A Response that keeps the bytes for the server to write at once (patches/@remix-run+express
  // +2.17.5.patch) and makes no body stream unless something reads its body (patches/@remix-run
  // +router+1.23.3.patch, issue 14 session 11): undici builds one per Response otherwise.
  return UNSAFE_fzxtKeptBodyResponse(html, {
    headers: responseHeaders,
    status: responseStatusCode,
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
