import { PassThrough } from "node:stream";
import { text } from "node:stream/consumers";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { stripNulBytes } from "./strip-nul.server.ts";

// Pages whose Chinese text starts at every offset around React's 2,048-byte buffer:
// short ASCII paragraphs, then a Chinese heading.
function page(asciiBytes: number) {
  const paragraphs = [];
  for (let left = asciiBytes; left > 0; left -= 500)
    paragraphs.push(createElement("p", { key: left }, "a".repeat(Math.min(500, left))));
  return createElement("main", null, ...paragraphs, createElement("h1", null, "无权访问（403）"));
}

function render(asciiBytes: number, strip: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const sink = new PassThrough();
    const { pipe } = renderToPipeableStream(page(asciiBytes), {
      onAllReady() {
        text(sink).then(resolve, reject);
        if (!strip) return pipe(sink);
        const s = stripNulBytes();
        s.pipe(sink);
        pipe(s);
      },
      onError: reject,
    });
  });
}

const OFFSETS = Array.from({ length: 80 }, (_, i) => 1980 + i);

describe("HTML stream", () => {
  it("React alone puts NUL bytes into Chinese text at its buffer boundary (facebook/react#31134)", async () => {
    const pages = await Promise.all(OFFSETS.map((n) => render(n, false)));
    expect(pages.some((html) => html.includes("\u0000"))).toBe(true);
  });

  it("has no NUL bytes once stripped, and the text is intact, at every offset", async () => {
    for (const n of OFFSETS) {
      const html = await render(n, true);
      expect(html, `offset ${n}`).not.toContain("\u0000");
      expect(html).toContain("无权访问（403）");
    }
  });
});
