import { usccCheckChar } from "../../app/modules/booking/uscc.ts";

/** A valid, fresh 统一社会信用代码 and mobile number for a registration in this run. */
export function freshEnterprise(tag: string) {
  const digits = String(Date.now()).slice(-8) + String(Math.floor(Math.random() * 10));
  const first17 = `91210300${digits}`; // 鞍山市 region code, 9 digits of organisation code
  return {
    companyName: `鞍山${tag}科技有限公司`,
    uscc: first17 + usccCheckChar(first17),
    mobile: `135${digits.slice(-8)}`,
    contactName: "王经理",
    password: "Company@2026x",
  };
}

export const SLOT_LINK = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
