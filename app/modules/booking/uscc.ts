// 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set
// (digits and capitals without I, O, Z, S, V); the 18th is a check character.
const CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters, or null when one is outside the set. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i] ?? "");
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Strict: exactly 18 upper-case characters of the set, 3rd–8th a region code, right check character. */
export function isValidUscc(code: string): boolean {
  return code.length === 18 && SHAPE.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

export function usccProblem(code: string): string | null {
  if (code.length !== 18) return "统一社会信用代码应为 18 位";
  if (!SHAPE.test(code)) return "统一社会信用代码包含无效字符（不使用 I、O、Z、S、V）";
  if (!isValidUscc(code)) return "统一社会信用代码校验位不正确，请核对";
  return null;
}
