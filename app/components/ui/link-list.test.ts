import { describe, expect, it } from "vitest";
import { isPlainClick } from "./link-list.tsx";

const click = {
  defaultPrevented: false,
  button: 0,
  metaKey: false,
  altKey: false,
  ctrlKey: false,
  shiftKey: false,
};
const link = (target = "", attrs: string[] = []) => ({
  target,
  hasAttribute: (name: string) => attrs.includes(name),
});

describe("useLinkClicks takes over the clicks <Link> would (isPlainClick)", () => {
  it("takes a plain left click on a link without target", () => {
    expect(isPlainClick(click, link())).toBe(true);
    expect(isPlainClick(click, link("_self"))).toBe(true);
  });

  it("leaves modifier keys, other buttons and handled clicks to the browser", () => {
    for (const k of ["metaKey", "altKey", "ctrlKey", "shiftKey"] as const)
      expect(isPlainClick({ ...click, [k]: true }, link())).toBe(false);
    expect(isPlainClick({ ...click, button: 1 }, link())).toBe(false);
    expect(isPlainClick({ ...click, defaultPrevented: true }, link())).toBe(false);
  });

  it("leaves links with another target, download or data-reload to the browser", () => {
    expect(isPlainClick(click, link("_blank"))).toBe(false);
    expect(isPlainClick(click, link("", ["download"]))).toBe(false);
    expect(isPlainClick(click, link("", ["data-reload"]))).toBe(false);
  });
});
