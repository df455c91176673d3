import { chineseToNumber } from "./numerals.ts";

// Reads what a reader types into the statute search: a citation ("宪法第三十三条",
// "民法典1165条", "《个人信息保护法》第13条"), an article number alone ("第三十三条")
// or words. Pure: the law names come from the caller.

export type LawName = { lawId: string; name: string };
export type ParsedQuery =
  | { type: "article"; lawId: string; number: number }
  | { type: "number"; number: number }
  | { type: "law"; lawId: string }
  | { type: "words"; words: string[] }
  | { type: "empty" };

const NUMERAL = "[零〇一二三四五六七八九十百千两0-9０-９]+";
const ARTICLE_ONLY = new RegExp(`^第(${NUMERAL})条$`);
const ARTICLE_AFTER_NAME = new RegExp(`^(?:第\\s*)?(${NUMERAL})\\s*(条)?$`);

function toNumber(text: string): number {
  const ascii = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(ascii)) return Number(ascii);
  return chineseToNumber(ascii);
}

const validNumber = (n: number) => Number.isInteger(n) && n > 0 && n < 10000;

/** `names` must hold every name of every law; the longest name that fits wins. */
export function parseLawQuery(raw: string, names: LawName[]): ParsedQuery {
  const q = raw.trim();
  if (!q) return { type: "empty" };
  const compact = q.replace(/[\s\u3000]+/g, "");
  const alone = ARTICLE_ONLY.exec(compact);
  if (alone) {
    const n = toNumber(alone[1]!);
    if (validNumber(n)) return { type: "number", number: n };
  }
  const bare = compact.replace(/[《》〈〉<>]/g, "");
  const sorted = [...names].sort((a, b) => b.name.length - a.name.length);
  for (const { lawId, name } of sorted) {
    if (!bare.startsWith(name)) continue;
    const rest = bare.slice(name.length);
    if (rest === "") return { type: "law", lawId };
    const m = ARTICLE_AFTER_NAME.exec(rest);
    // "民法典1165" is read as an article; "宪法33" too (digits need no 条).
    if (m && (m[2] || /^第/.test(rest) || /^[0-9０-９]+$/.test(m[1]!))) {
      const n = toNumber(m[1]!);
      if (validNumber(n)) return { type: "article", lawId, number: n };
    }
    break;
  }
  const words = q.split(/[\s\u3000]+/).filter(Boolean);
  return { type: "words", words };
}
