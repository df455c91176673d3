import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.server.ts";

describe("lesson Markdown", () => {
  it("refuses a GFM table, naming its line, since the renderer would show it as pipes", () => {
    const source = "导读\n\n| 期限 | 条文 |\n| --- | --- |\n| 六个月 | 第四十六条 |\n";
    const { problems } = renderMarkdown(source, 10);
    expect(problems).toEqual([
      { line: 13, message: "课文不支持表格（页面上会显示成竖线和横线），请改用列表" },
    ]);
  });

  it("accepts text with a lone vertical bar and lists", () => {
    expect(renderMarkdown("甲 | 乙\n\n- 一\n- 二\n").problems).toEqual([]);
  });
});
