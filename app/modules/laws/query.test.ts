import { describe, expect, it } from "vitest";
import { parseLawQuery } from "./query.ts";

const names = [
  { lawId: "constitution", name: "宪法" },
  { lawId: "constitution", name: "中华人民共和国宪法" },
  { lawId: "civil-code", name: "民法典" },
  { lawId: "pipl", name: "个人信息保护法" },
  { lawId: "pipl", name: "个保法" },
  { lawId: "secrets", name: "保守国家秘密法" },
  { lawId: "secrets-reg", name: "保守国家秘密法实施条例" },
];

describe("law query parser", () => {
  it("reads citations with Chinese or Arabic numbers, book-title marks and aliases", () => {
    expect(parseLawQuery("宪法第三十三条", names)).toEqual({
      type: "article",
      lawId: "constitution",
      number: 33,
    });
    expect(parseLawQuery("民法典1165条", names)).toEqual({
      type: "article",
      lawId: "civil-code",
      number: 1165,
    });
    expect(parseLawQuery("民法典 第１１６５条", names)).toEqual({
      type: "article",
      lawId: "civil-code",
      number: 1165,
    });
    expect(parseLawQuery("《个人信息保护法》第13条", names)).toEqual({
      type: "article",
      lawId: "pipl",
      number: 13,
    });
    expect(parseLawQuery("个保法第十三条", names)).toEqual({
      type: "article",
      lawId: "pipl",
      number: 13,
    });
    expect(parseLawQuery("中华人民共和国宪法第一百四十三条", names)).toEqual({
      type: "article",
      lawId: "constitution",
      number: 143,
    });
  });

  it("prefers the longest law name (实施条例 over the law)", () => {
    expect(parseLawQuery("保守国家秘密法实施条例第五条", names)).toEqual({
      type: "article",
      lawId: "secrets-reg",
      number: 5,
    });
    expect(parseLawQuery("保守国家秘密法第五条", names)).toEqual({
      type: "article",
      lawId: "secrets",
      number: 5,
    });
  });

  it("reads an article number alone as 'that article of every law'", () => {
    expect(parseLawQuery("第三十三条", names)).toEqual({ type: "number", number: 33 });
    expect(parseLawQuery("第33条", names)).toEqual({ type: "number", number: 33 });
  });

  it("reads anything else as words", () => {
    expect(parseLawQuery("个人信息  同意", names)).toEqual({
      type: "words",
      words: ["个人信息", "同意"],
    });
    expect(parseLawQuery("宪法 规定", names)).toEqual({ type: "words", words: ["宪法", "规定"] });
    expect(parseLawQuery("宪法", names)).toEqual({ type: "law", lawId: "constitution" });
    expect(parseLawQuery("   ", names)).toEqual({ type: "empty" });
  });
});
