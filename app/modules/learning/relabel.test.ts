import { describe, expect, it } from "vitest";
import { letterMap, relabelExplanation } from "./relabel.ts";

describe("review letters match the options as the learner saw them", () => {
  it("maps the bank letters of an explanation to the shuffled positions", () => {
    // Shown order c, a, d, b: bank C is shown as A, A as B, D as C, B as D.
    const order = ["c", "a", "d", "b"];
    expect(Object.fromEntries(letterMap(order))).toEqual({ C: "A", A: "B", D: "C", B: "D" });
    expect(relabelExplanation("<p>所以C正确。A、B错误；D中的协议无效。</p>", order)).toBe(
      "<p>所以A正确。B、D错误；C中的协议无效。</p>",
    );
  });

  it("leaves tags, words like APP and A4, and an unshuffled order alone", () => {
    const order = ["b", "a", "c", "d"];
    const html = '<a href="/laws/A/1" class="B">第1条</a> APP 与 A4 纸，B正确';
    expect(relabelExplanation(html, order)).toBe(
      '<a href="/laws/A/1" class="B">第1条</a> APP 与 A4 纸，A正确',
    );
    expect(relabelExplanation("C正确", ["a", "b", "c", "d"])).toBe("C正确");
  });
});
