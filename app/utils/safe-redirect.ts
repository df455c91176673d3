const DEFAULT_REDIRECT = "/";
const BASE = "http://same.invalid";

// Control characters (tabs, newlines), backslashes, and encoded slashes, backslashes or
// control characters: browsers and proxies treat them inconsistently, so none is accepted.
// eslint-disable-next-line no-control-regex
const REFUSED = /[\u0000-\u001f\u007f\\]|%(2f|5c|[01][0-9a-f]|7f)/i;

/** A path that a browser resolves against our own origin: one leading slash, then not a slash or backslash. */
function isLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}

function normalise(path: string): string | null {
  try {
    const url = new URL(path, BASE);
    if (url.origin !== BASE) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

/**
 * Only same-origin absolute paths: "/x" yes; "//evil", "/\\evil", "https://evil",
 * "javascript:" and anything with control characters no. The RESULT is checked too:
 * normalising `/.//evil.com` or `/%2e//evil.com` gives `//evil.com`, which is refused.
 */
export function safeRedirect(
  to: FormDataEntryValue | string | null | undefined,
  fallback = DEFAULT_REDIRECT,
): string {
  if (!to || typeof to !== "string" || to.length > 2000) return fallback;
  if (REFUSED.test(to) || !isLocalPath(to)) return fallback;
  const result = normalise(to);
  // The answer must itself be a local path that normalises to itself.
  if (result === null || !isLocalPath(result) || REFUSED.test(result)) return fallback;
  if (normalise(result) !== result) return fallback;
  return result;
}
