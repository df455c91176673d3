// Demo data for consultations: the demo enterprise's registration record and two
// experts with weekly availability (Beijing time), so booking works right after `npm start`.
import type Database from "better-sqlite3";

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

export function insertConsultDemo(db: Database.Database, now = Date.now()): void {
  const idOf = (username: string) =>
    (
      db.prepare("SELECT id FROM User WHERE username = ?").get(username) as
        { id: number } | undefined
    )?.id;
  const enterpriseUser = idOf(DEMO_ENTERPRISE.username);
  if (enterpriseUser) {
    db.prepare("UPDATE User SET mobile = ? WHERE id = ?").run(
      DEMO_ENTERPRISE.contactMobile,
      enterpriseUser,
    );
    db.prepare(
      "INSERT INTO Enterprise (userId, name, uscc, contactName, contactMobile, status, createdAt, approvedAt) VALUES (?, ?, ?, '周企业', ?, 'ACTIVE', ?, ?)",
    ).run(
      enterpriseUser,
      DEMO_ENTERPRISE.name,
      DEMO_ENTERPRISE.uscc,
      DEMO_ENTERPRISE.contactMobile,
      now,
      now,
    );
  }
  const profile = db.prepare(
    "INSERT INTO ExpertProfile (userId, title, organisation, specialties, bio, slotMinutes, bufferMinutes, dailyMax, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
  );
  const rule = db.prepare(
    "INSERT INTO AvailabilityRule (expertId, weekday, startMinute, endMinute) VALUES (?, ?, ?, ?)",
  );
  for (const e of DEMO_EXPERTS) {
    const userId = idOf(e.username);
    if (!userId) continue;
    const id = Number(
      profile.run(
        userId,
        e.title,
        e.organisation,
        JSON.stringify(e.specialties),
        e.bio,
        e.slotMinutes,
        e.bufferMinutes,
        e.dailyMax,
      ).lastInsertRowid,
    );
    for (const h of e.hours) rule.run(id, h.weekday, h.startMinute, h.endMinute);
  }
}
