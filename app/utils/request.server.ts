/** Set by the Express server from req.ip (after its trust-proxy rule); any incoming copy is overwritten. */
export const CLIENT_IP_HEADER = "x-fzxt-client-ip";

export function clientIp(request: Request): string | null {
  return request.headers.get(CLIENT_IP_HEADER);
}

export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}
