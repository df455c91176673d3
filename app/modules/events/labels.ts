/** Chinese labels for sign-up states and check-in methods (browser-safe). */
export const SIGNUP_LABELS: Record<string, string> = {
  CONFIRMED: "已报名",
  WAITLIST: "候补中",
};
export const METHOD_LABELS: Record<string, string> = {
  QR: "扫码签到",
  CODE: "线上签到码",
  ROLL_CALL: "点名签到",
  IMPORT: "签到表导入",
};
export const label = (map: Record<string, string>, key: string | null | undefined) =>
  key && Object.hasOwn(map, key) ? map[key]! : "";
