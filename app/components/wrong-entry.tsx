import type { Option } from "#app/modules/learning/grading.ts";
import { optionLetter } from "#app/modules/learning/relabel.ts";

/** Option letters in the bank's order (A = first option), or the 正确/错误 text of a 判断题. */
export function bankLetters(type: string, options: Option[], ids: string[]): string {
  if (ids.length === 0) return "未作答";
  return options
    .flatMap((o, i) =>
      ids.includes(o.id) ? [type === "truefalse" ? o.text : optionLetter(i)] : [],
    )
    .join("、");
}

/** The options of a 错题本 question in the bank's order, lettered so the 解析's letters match. */
export function OptionList({ type, options }: { type: string; options: Option[] }) {
  if (type === "truefalse") return null;
  return (
    <ol className="space-y-1">
      {options.map((o, i) => (
        <li key={o.id}>
          {optionLetter(i)}. {o.text}
        </li>
      ))}
    </ol>
  );
}
