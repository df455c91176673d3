import { describe, expect, it } from "vitest";
import { isClientNavigation } from "./delegated-links.tsx";

const ORIGIN = "https://fzxt.example";
const click = {
  button: 0,
  defaultPrevented: false,
  metaKey: false,
  altKey: false,
  ctrlKey: false,
  shiftKey: false,
};
const anchor = (over: { target?: string; origin?: string; attrs?: string[] } = {}) => ({
  target: over.target ?? "",
  origin: over.origin ?? ORIGIN,
  hasAttribute: (name: string) => (over.attrs ?? []).includes(name),
});

describe("delegated links: which clicks navigate on the client", () => {
  it("a plain left click on a same-origin link does", () => {
    expect(isClientNavigation(click, anchor(), ORIGIN)).toBe(true);
    expect(isClientNavigation(click, anchor({ target: "_self" }), ORIGIN)).toBe(true);
  });

  it("modifier keys, other buttons and handled clicks are left to the browser", () => {
    for (const key of ["metaKey", "altKey", "ctrlKey", "shiftKey"] as const)
      expect(isClientNavigation({ ...click, [key]: true }, anchor(), ORIGIN)).toBe(false);
    expect(isClientNavigation({ ...click, button: 1 }, anchor(), ORIGIN)).toBe(false);
    expect(isClientNavigation({ ...click, defaultPrevented: true }, anchor(), ORIGIN)).toBe(false);
  });

  it("another tab, another origin, a download or a forced reload are left to the browser", () => {
    expect(isClientNavigation(click, anchor({ target: "_blank" }), ORIGIN)).toBe(false);
    expect(isClientNavigation(click, anchor({ origin: "https://other.example" }), ORIGIN)).toBe(
      false,
    );
    expect(isClientNavigation(click, anchor({ attrs: ["download"] }), ORIGIN)).toBe(false);
    expect(isClientNavigation(click, anchor({ attrs: ["data-reload"] }), ORIGIN)).toBe(false);
  });
});
