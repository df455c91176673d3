/** Set by the Express server from req.ip (after its trust-proxy rule); any incoming copy is overwritten. */
export const CLIENT_IP_HEADER = "x-fzxt-client-ip";

/**
 * Set by the Express server to the request id of each request (any incoming copy is
 * overwritten): the copies of one request that Remix hands its loaders carry it (auth.server.ts).
 */
export const REQUEST_ID_HEADER = "x-fzxt-request-id";

export function clientIp(request: Request): string | null {
  return request.headers.get(CLIENT_IP_HEADER);
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}
