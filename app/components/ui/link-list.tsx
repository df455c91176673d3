import { useNavigate } from "@remix-run/react";
import { useCallback, type MouseEvent } from "react";

/**
 * One client-side navigation handler for a list of plain `<a href>` links (issue 14). Each
 * `<Link>` resolves its path against the route tree on every render (`useHref`), which showed
 * as 6–14 % of the slot page's and the events list's CPU; these lists render dozens of links
 * with absolute paths. Put the returned handler on the element around the links: a plain
 * left click on a same-origin link (no modifier key, no target, no download) navigates in the
 * app as `<Link>` would; everything else is left to the browser. Write the links as
 * `<a data-discover="true" href>`, the HTML `<Link to>` renders (Remix's route discovery reads
 * the attribute); without JavaScript they work as they are.
 */
export function useLinkClicks() {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const target = event.target;
      if (!(target instanceof Element)) return;
      const a = target.closest("a[href]");
      if (!(a instanceof HTMLAnchorElement) || !event.currentTarget.contains(a)) return;
      if (!isPlainClick(event, a)) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      event.preventDefault();
      const to = url.pathname + url.search + url.hash;
      const here = window.location.pathname + window.location.search + window.location.hash;
      navigate(to, { replace: to === here });
    },
    [navigate],
  );
}

/** The click react-router's `<Link>` takes over: left button, no modifier, no other target. */
export function isPlainClick(
  event: Pick<
    MouseEvent,
    "defaultPrevented" | "button" | "metaKey" | "altKey" | "ctrlKey" | "shiftKey"
  >,
  a: Pick<HTMLAnchorElement, "target" | "hasAttribute">,
): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !(event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) &&
    (!a.target || a.target === "_self") &&
    !a.hasAttribute("download") &&
    !a.hasAttribute("data-reload")
  );
}
