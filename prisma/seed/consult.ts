// Demo data for consultations: the demo enterprise's registration record and two
// experts with weekly availability (Beijing time), so booking works right after `npm start`.
import { insertRows } from "../../app/data/bulk.server.ts";
import type { Q } from "../../app/data/db.server.ts";

export const DEMO_ENTERPRISE = {
  username: "enterprise",
  name: "鞍山示例科技有限公司",
  uscc: "91210300MA0Y8B2C1D",
  contactMobile: "13700000001",
};

export const DEMO_EXPERTS = [
  {
    username: "expert",
    title: "律师",
    organisation: "辽宁鞍山法治律师事务所",
    specialties: ["合同", "公司治理", "数据合规"],
    bio: "执业十五年，长期为中小企业提供合同审查与合规咨询。",
    // Monday–Friday 09:00–12:00 and 14:00–17:00, 60-minute slots.
    hours: [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, startMinute: 9 * 60, endMinute: 12 * 60 },
      { weekday, startMinute: 14 * 60, endMinute: 17 * 60 },
    ]),
    slotMinutes: 60,
    bufferMinutes: 0,
    dailyMax: 6,
  },
  {
    username: "expert2",
    title: "法学副教授",
    organisation: "鞍山师范学院法学院",
    specialties: ["劳动用工", "知识产权"],
    bio: "研究劳动法与知识产权，常年开展企业法律培训。",
    // Tuesday and Thursday afternoons, 30-minute slots with a 15-minute buffer.
    hours: [2, 4].map((weekday) => ({ weekday, startMinute: 14 * 60, endMinute: 17 * 60 })),
    slotMinutes: 30,
    bufferMinutes: 15,
    dailyMax: 4,
  },
];

export async function insertConsultDemo(q: Q, now = new Date()): Promise<void> {
  const usernames = [DEMO_ENTERPRISE.username, ...DEMO_EXPERTS.map((e) => e.username)];
  const users = await q
    .selectFrom("User")
    .select(["id", "username"])
    .where("username", "in", usernames)
    .execute();
  const idOf = (username: string) => users.find((u) => u.username === username)?.id;
  const enterpriseUser = idOf(DEMO_ENTERPRISE.username);
  if (enterpriseUser) {
    await q
      .updateTable("User")
      .set({ mobile: DEMO_ENTERPRISE.contactMobile })
      .where("id", "=", enterpriseUser)
      .execute();
    await insertRows(q, "Enterprise", [
      {
        userId: enterpriseUser,
        name: DEMO_ENTERPRISE.name,
        uscc: DEMO_ENTERPRISE.uscc,
        contactName: "周企业",
        contactMobile: DEMO_ENTERPRISE.contactMobile,
        status: "ACTIVE",
        createdAt: now,
        approvedAt: now,
      },
    ]);
  }
  const experts = DEMO_EXPERTS.flatMap((e) => {
    const userId = idOf(e.username);
    return userId ? [{ e, userId }] : [];
  });
  const profiles = await insertRows(
    q,
    "ExpertProfile",
    experts.map(({ e, userId }) => ({
      userId,
      title: e.title,
      organisation: e.organisation,
      specialties: JSON.stringify(e.specialties),
      bio: e.bio,
      slotMinutes: e.slotMinutes,
      bufferMinutes: e.bufferMinutes,
      dailyMax: e.dailyMax,
      active: true,
    })),
    ["id", "userId"],
  );
  await insertRows(
    q,
    "AvailabilityRule",
    experts.flatMap(({ e, userId }) => {
      const expertId = profiles.find((p) => p.userId === userId)!.id;
      return e.hours.map((h) => ({ expertId, ...h }));
    }),
  );
  await insertRows(q, "Holiday", newYearsDays(now));
}

/**
 * 元旦 (1 January) of this year and the next two: the only statutory holiday whose date the
 * national holiday rules (《全国年节及纪念日放假办法》) fix without the State Council's annual
 * notice. Every other holiday and 调休 working day is imported by ADMIN from that notice at
 * /admin/holidays; none are invented here.
 */
export function newYearsDays(now: Date) {
  const year = Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4));
  return [year, year + 1, year + 2].map((y) => ({
    day: `${y}-01-01`,
    kind: "HOLIDAY",
    name: "元旦",
    createdAt: now,
  }));
}
