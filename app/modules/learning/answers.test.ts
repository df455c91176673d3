import { describe, expect, it } from "vitest";
import { answersFromForm } from "./answers.ts";
import { drawQuestions, grade, validAnswer } from "./grading.ts";

const form = (pairs: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of pairs) f.append(k, v);
  return f;
};

describe("quiz form", () => {
  it("refuses a posted score or passed flag", () => {
    expect(
      answersFromForm(
        form([
          ["intent", "submit"],
          ["q1", "a"],
          ["score", "100"],
        ]),
      ),
    ).toEqual({ ok: false, message: "表单包含不允许提交的字段" });
    expect(
      answersFromForm(
        form([
          ["intent", "submit"],
          ["passed", "true"],
        ]),
      ).ok,
    ).toBe(false);
  });

  it("reads multiple-choice answers as lists", () => {
    expect(
      answersFromForm(
        form([
          ["intent", "save"],
          ["q7", "a"],
          ["q7", "c"],
        ]),
      ),
    ).toEqual({ ok: true, intent: "save", answers: { "7": ["a", "c"] } });
  });

  it("refuses prototype keys such as __proto__ and constructor (own fields only)", () => {
    for (const key of ["__proto__", "constructor", "toString"])
      expect(
        answersFromForm(
          form([
            ["intent", "save"],
            [key, "a"],
          ]),
        ),
      ).toEqual({ ok: false, message: "表单包含不允许提交的字段" });
  });

  it("refuses an unknown intent", () => {
    expect(answersFromForm(form([["intent", "complete"]])).ok).toBe(false);
  });
});

describe("grading", () => {
  it("needs exactly the right set for a multiple-choice question", () => {
    const key = new Map([
      [1, ["a", "c"]],
      [2, ["T"]],
    ]);
    const draw = [
      { questionId: 1, options: ["a", "b", "c"] },
      { questionId: 2, options: ["T", "F"] },
    ];
    expect(grade(draw, { "1": ["a", "c"], "2": ["T"] }, key, 80)).toMatchObject({
      score: 100,
      passed: true,
    });
    expect(grade(draw, { "1": ["a"], "2": ["T"] }, key, 80)).toMatchObject({
      score: 50,
      passed: false,
    });
    expect(grade(draw, { "1": ["a", "b", "c"], "2": ["T"] }, key, 50)).toMatchObject({
      score: 50,
      passed: true,
    });
  });

  it("accepts one option for single and true/false questions, known options only", () => {
    expect(validAnswer("single", ["a", "b"], ["a"])).toBe(true);
    expect(validAnswer("single", ["a", "b"], ["a", "b"])).toBe(false);
    expect(validAnswer("multiple", ["a", "b"], ["a", "x"])).toBe(false);
    expect(validAnswer("truefalse", ["T", "F"], [])).toBe(false);
  });

  it("draws distinct questions and keeps true/false options in order", () => {
    const bank = [1, 2, 3, 4, 5].map((id) => ({
      id,
      type: id === 5 ? "truefalse" : "single",
      options:
        id === 5
          ? [
              { id: "T", text: "" },
              { id: "F", text: "" },
            ]
          : ["a", "b", "c"].map((o) => ({ id: o, text: "" })),
    }));
    for (let seed = 0; seed < 20; seed++) {
      let x = seed / 20;
      const draw = drawQuestions(bank, 5, () => (x = (x * 9301 + 0.49297) % 1));
      expect(new Set(draw.map((d) => d.questionId)).size).toBe(5);
      expect(draw.find((d) => d.questionId === 5)!.options).toEqual(["T", "F"]);
    }
  });
});
