// Spreadsheet cells in and out. See docs/decisions/0006-roster-import.md for the formula rule.

/** What Excel, WPS and LibreOffice may read as the start of a formula (CWE-1236). */
const FORMULA_START = /^[=+\-@\t\r]/;
const LEADING_FORMULA = /^[=+\-@\s]+/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export type CleanCell = { value: string; neutralised: boolean; control: boolean };

/**
 * A free-text cell (姓名, 单位): leading formula characters are stripped, so
 * "=HYPERLINK(…)" is stored as plain text that no spreadsheet will evaluate.
 * Identity cells (工号, 手机号, 角色) are not rewritten: their format rules refuse them.
 */
export function cleanTextCell(raw: string): CleanCell {
  const trimmed = raw.trim();
  if (!FORMULA_START.test(raw) && !FORMULA_START.test(trimmed))
    return { value: trimmed, neutralised: false, control: CONTROL.test(trimmed) };
  const value = trimmed.replace(LEADING_FORMULA, "").trim();
  return { value, neutralised: true, control: CONTROL.test(value) };
}

export function cleanStrictCell(raw: string): CleanCell {
  const value = raw.trim();
  return { value, neutralised: false, control: CONTROL.test(value) };
}

/** For a cell we write into a CSV: a leading apostrophe keeps a formula-like value as text. */
export function neutraliseForSheet(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
