import { useNavigate } from "@remix-run/react";
import { useCallback, type MouseEvent } from "react";

/**
 * Whether a click on `anchor` should become a client-side navigation: a plain left click (no
 * modifier key, not already handled) on a same-origin link that opens in this tab and is not a
 * download. The same test react-router's `<Link>` makes, for links that are plain `<a>` elements.
 */
export function isClientNavigation(
  event: Pick<
    MouseEvent,
    "button" | "defaultPrevented" | "metaKey" | "altKey" | "ctrlKey" | "shiftKey"
  >,
  anchor: Pick<HTMLAnchorElement, "target" | "origin" | "hasAttribute">,
  origin: string,
): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return false;
  if (anchor.target && anchor.target !== "_self") return false;
  if (anchor.hasAttribute("download") || anchor.hasAttribute("data-reload")) return false;
  return anchor.origin === origin;
}

/**
 * A click handler for a list of many links: the links are plain `<a href data-discover="true">`
 * (the HTML a `<Link to>` renders; the attribute lets Remix's route discovery find them), and one
 * handler on their container navigates on the client. A `<Link>` costs several hooks and a path
 * resolution per link on every server render: a catalogue of 34 cards, a month table of up to 60
 * days and slots, the events list paid that per link (issue 14). Without JavaScript the links work
 * as they are. As `<Link>` does, a click on the page's own URL replaces the history entry.
 */
export function useDelegatedLinks() {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const anchor = (event.target as Element).closest?.("a[href]");
      if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return;
      if (!isClientNavigation(event, anchor, window.location.origin)) return;
      event.preventDefault();
      const to = anchor.pathname + anchor.search + anchor.hash;
      const here = window.location.pathname + window.location.search + window.location.hash;
      navigate(to, { replace: to === here });
    },
    [navigate],
  );
}
