import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { createElement } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

// app/entry.server.tsx renders each page with renderToString (issue 14). React 18.3.1's
// renderToPipeableStream puts NUL bytes into Chinese text at its 2,048-byte buffer boundary
// (facebook/react#31134); the app used to strip them on the way out. A string render writes no
// byte buffers, so pages carry no NUL at any offset and need no stripping.

// Pages whose Chinese text starts at every offset around React's 2,048-byte buffer:
// short ASCII paragraphs, then a Chinese heading.
function page(asciiBytes: number) {
  const paragraphs = [];
  for (let left = asciiBytes; left > 0; left -= 500)
    paragraphs.push(createElement("p", { key: left }, "a".repeat(Math.min(500, left))));
  return createElement("main", null, ...paragraphs, createElement("h1", null, "无权访问（403）"));
}

function streamed(asciiBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const sink = new PassThrough();
    const { pipe } = renderToPipeableStream(page(asciiBytes), {
      onAllReady() {
        text(sink).then(resolve, reject);
        pipe(sink);
      },
      onError: reject,
    });
  });
}

const OFFSETS = Array.from({ length: 80 }, (_, i) => 1980 + i);

describe("page rendering", () => {
  it("a stream from React puts NUL bytes into Chinese text at its buffer boundary (facebook/react#31134): the reason pages are rendered to a string", async () => {
    const pages = await Promise.all(OFFSETS.map((n) => streamed(n)));
    expect(pages.some((html) => html.includes("\u0000"))).toBe(true);
  });

  it("renderToString, as app/entry.server.tsx renders, has no NUL bytes and the text intact at every offset", () => {
    for (const n of OFFSETS) {
      const html = Buffer.from(renderToString(page(n))).toString("utf8");
      expect(html, `offset ${n}`).not.toContain("\u0000");
      expect(html).toContain("无权访问（403）");
    }
  });
});
