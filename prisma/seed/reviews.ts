// DEMO SEED ONLY: contract reviews (issue 18, decision 0022) in every state the expert, the
// enterprise and ADMIN see, so the workflow is visible right after `npm start`. All go to the
// demo expert 李律师. The demo enterprise has one accepted (with a promised date) and one with the
// opinion returned; a second demo company has one waiting to be accepted and one past its
// promised date (ADMIN's home counts it as overdue). The demo enterprise keeps one review in
// progress only, so it can still book (at most 3 bookings in progress, 预约设置).
import { randomUUID } from "node:crypto";
import { insertRows } from "../../app/data/bulk.server.ts";
import type { Q } from "../../app/data/db.server.ts";
import { DEMO_ENTERPRISE } from "./consult.ts";
import { insertUsers } from "./writer.ts";

const DAY = 86_400_000;

/** A second company (its account is not a demo login: its password is never shown). */
export const DEMO_COMPANY_2 = {
  username: "enterprise-demo2",
  name: "鞍山示例物流有限公司",
  contactName: "吴经理",
  uscc: "91210300MA0Y8B3K7W",
  contactMobile: "13700000002",
};

type Review = {
  company: "demo" | "second";
  topic: string;
  description: string;
  status: "REQUESTED" | "CONFIRMED" | "COMPLETED";
  /** Days from now (negative: past) of the request, the acceptance and the closing. */
  created: number;
  confirmed?: number;
  closed?: number;
  wish: number;
  promised?: number;
  opinion?: string;
};

export const DEMO_REVIEWS: Review[] = [
  {
    company: "demo",
    topic: "【示例】软件开发外包合同审查",
    description:
      "我司拟委托外包公司开发客户管理系统，请重点审查知识产权归属、验收标准和数据保密条款。",
    status: "CONFIRMED",
    created: -4,
    confirmed: -3,
    wish: 12,
    promised: 7,
  },
  {
    company: "demo",
    topic: "【示例】办公场所租赁合同审查",
    description: "续签办公场所租赁合同，请审查租金调整、提前解约和维修责任条款。",
    status: "COMPLETED",
    created: -20,
    confirmed: -19,
    closed: -12,
    wish: -10,
    promised: -11,
    opinion:
      "一、提前解约条款只约定了承租方的违约责任，建议补充出租方提前收回房屋时的责任。二、维修责任划分不清，建议列明主体结构和设施设备的维修义务人。三、租金调整应约定调整幅度上限和书面通知期限。",
  },
  {
    company: "second",
    topic: "【示例】仓储服务合同审查",
    description: "与客户签订年度仓储服务合同，请审查货物毁损灭失的责任和赔偿限额条款。",
    status: "REQUESTED",
    created: -1,
    wish: 10,
  },
  {
    company: "second",
    topic: "【示例】道路货物运输合同审查",
    description: "请审查运费结算、货损理赔和不可抗力条款。",
    status: "CONFIRMED",
    created: -15,
    confirmed: -14,
    wish: -3,
    promised: -2,
  },
];

/** The Beijing calendar day `days` from `now`, YYYY-MM-DD. */
const beijingDay = (now: Date, days: number) =>
  new Date(now.getTime() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

/**
 * The second demo company (a user without a known password and its registration) and the
 * reviews, in the seed's transaction. @passwordHash: a hash of a password nobody is told.
 */
export async function insertReviewDemo(q: Q, passwordHash: string, now = new Date()) {
  await insertUsers(
    q,
    [
      {
        username: DEMO_COMPANY_2.username,
        name: DEMO_COMPANY_2.contactName,
        mobile: DEMO_COMPANY_2.contactMobile,
        role: "ENTERPRISE",
        orgUnitId: null,
        passwordHash,
        mustChangePassword: false,
      },
    ],
    now,
  );
  const user = await q
    .selectFrom("User")
    .select("id")
    .where("username", "=", DEMO_COMPANY_2.username)
    .executeTakeFirstOrThrow();
  await insertRows(q, "Enterprise", [
    {
      userId: user.id,
      name: DEMO_COMPANY_2.name,
      uscc: DEMO_COMPANY_2.uscc,
      contactName: DEMO_COMPANY_2.contactName,
      contactMobile: DEMO_COMPANY_2.contactMobile,
      status: "ACTIVE",
      createdAt: now,
      approvedAt: now,
    },
  ]);
  const enterprises = await q
    .selectFrom("Enterprise")
    .select(["id", "uscc"])
    .where("uscc", "in", [DEMO_ENTERPRISE.uscc, DEMO_COMPANY_2.uscc])
    .execute();
  const expert = await q
    .selectFrom("ExpertProfile as p")
    .innerJoin("User as u", "u.id", "p.userId")
    .select("p.id")
    .where("u.username", "=", "expert")
    .executeTakeFirst();
  const demo = enterprises.find((e) => e.uscc === DEMO_ENTERPRISE.uscc);
  if (!expert || !demo) return;
  const second = enterprises.find((e) => e.uscc === DEMO_COMPANY_2.uscc)!;
  const at = (days: number | undefined) =>
    days === undefined ? null : new Date(now.getTime() + days * DAY);
  await insertRows(
    q,
    "Booking",
    DEMO_REVIEWS.map((r) => {
      const created = at(r.created)!;
      const demoCompany = r.company === "demo";
      return {
        enterpriseId: demoCompany ? demo.id : second.id,
        expertId: expert.id,
        type: "CONTRACT_REVIEW",
        mode: null,
        startAt: created,
        endAt: created,
        slotHold: `review:${randomUUID()}`,
        status: r.status,
        topic: r.topic,
        description: r.description,
        contactName: demoCompany ? "周企业" : DEMO_COMPANY_2.contactName,
        contactMobile: demoCompany ? DEMO_ENTERPRISE.contactMobile : DEMO_COMPANY_2.contactMobile,
        opinion: r.opinion ?? null,
        createdAt: created,
        updatedAt: at(r.closed ?? r.confirmed ?? r.created)!,
        closedAt: at(r.closed),
        confirmedAt: at(r.confirmed),
        wishDate: beijingDay(now, r.wish),
        promisedDate: r.promised === undefined ? null : beijingDay(now, r.promised),
      };
    }),
  );
}
