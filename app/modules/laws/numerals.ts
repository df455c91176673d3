const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一千二百六十 → 1260, 十五 → 15, 一百零三 → 103. Returns NaN for anything else. */
export function chineseToNumber(text: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (ch in UNITS) {
      total += (digit || 1) * UNITS[ch]!;
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}

const DIGIT_CHARS = "零一二三四五六七八九";

/** 1260 → 一千二百六十, 15 → 十五, 103 → 一百零三 (the way statutes number articles). */
export function numberToChinese(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 10000) return String(n);
  const parts: string[] = [];
  const units = [
    [1000, "千"],
    [100, "百"],
    [10, "十"],
  ] as const;
  let rest = n;
  let zero = false;
  for (const [value, unit] of units) {
    const d = Math.floor(rest / value);
    rest %= value;
    if (d > 0) {
      if (zero) parts.push("零");
      zero = false;
      parts.push(
        d === 1 && unit === "十" && parts.length === 0 ? "十" : `${DIGIT_CHARS[d]}${unit}`,
      );
    } else if (parts.length > 0) zero = true;
  }
  if (rest > 0) {
    if (zero) parts.push("零");
    parts.push(DIGIT_CHARS[rest]!);
  }
  return parts.join("");
}

export function articleLabel(n: number): string {
  return `第${numberToChinese(n)}条`;
}
