// Demo lectures and case discussions (issue 20), so /events and the staff home show them right
// after `npm start`: a lecture for the 市数据局 subtree next week and an open online case
// discussion ten days on, both organised by the demo manager; and a cancelled training the demo
// staff member had signed up for (with its notice). The lecture has one handout (a small PDF
// stored in FILES_DIR like any upload), so its materials list is not empty.
import crypto from "node:crypto";
import type { Q } from "../../app/data/db.server.ts";
import { storeFile } from "../../app/modules/booking/files.server.ts";

const DAY = 86_400_000;

/** 14:30 Beijing time, `days` from now. */
function at(days: number, hour = 14, minute = 30): Date {
  const day = new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
  return new Date(
    `${day}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00+08:00`,
  );
}
/** A one-page PDF with a line of text (Helvetica: the demo file's text is ASCII). */
function handoutPdf(): Buffer {
  const text =
    "BT /F1 16 Tf 72 760 Td (Administrative Penalty Law: hearing procedure - handout) Tj ET";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  body += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

const year = (d: Date) => new Date(d.getTime() + 8 * 3600_000).getUTCFullYear();

export async function insertEventsDemo(tx: Q): Promise<void> {
  const manager = await tx
    .selectFrom("User as u")
    .innerJoin("OrgUnit as o", "o.id", "u.orgUnitId")
    .select(["u.id", "o.id as unitId", "o.path"])
    .where("u.username", "=", "manager")
    .executeTakeFirst();
  if (!manager) return;
  const expert = await tx
    .selectFrom("ExpertProfile as e")
    .innerJoin("User as u", "u.id", "e.userId")
    .select(["e.id", "u.name", "e.title"])
    .where("u.username", "=", "expert2")
    .executeTakeFirst();
  const lectureStart = at(7);
  const caseStart = at(10, 9, 0);
  const base = { scopePath: manager.path, createdById: manager.id, createdAt: new Date() };
  const lecture = await tx
    .insertInto("Event")
    .values({
      ...base,
      kind: "LECTURE",
      title: "行政处罚法专题讲座：听证程序与证据规则",
      description: "结合本局执法实际，讲解行政处罚的听证程序、证据收集与审查。",
      startsAt: lectureStart,
      endsAt: new Date(lectureStart.getTime() + 2 * 3600_000),
      year: year(lectureStart),
      room: "市数据局三楼会议室",
      capacity: 30,
      creditHours: 2,
      checkInFrom: new Date(lectureStart.getTime() - 30 * 60_000),
      checkInUntil: new Date(lectureStart.getTime() + 2 * 3600_000),
      audience: "TARGETED",
      qrSecret: crypto.randomBytes(32).toString("hex"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("EventAudience")
    .values({ eventId: lecture.id, kind: "SUBTREE", orgUnitId: manager.unitId })
    .execute();
  const handout = storeFile("听证程序与证据规则讲义.pdf", "pdf", handoutPdf());
  await tx
    .insertInto("EventMaterial")
    .values({
      eventId: lecture.id,
      kind: "HANDOUT",
      originalName: handout.originalName,
      storedName: handout.storedName,
      format: handout.format,
      size: handout.size,
      sha256: handout.sha256,
      uploadedById: manager.id,
      createdAt: new Date(),
    })
    .execute();
  const discussion = await tx
    .insertInto("Event")
    .values({
      ...base,
      kind: "CASE_STUDY",
      title: "案例研讨：数据共享中的个人信息保护",
      description: "线上研讨，欢迎各单位工作人员报名。",
      startsAt: caseStart,
      endsAt: new Date(caseStart.getTime() + 90 * 60_000),
      year: year(caseStart),
      meetingUrl: "https://meeting.example.gov.cn/room/2026",
      capacity: 50,
      creditHours: 1.5,
      checkInFrom: new Date(caseStart.getTime() - 30 * 60_000),
      checkInUntil: new Date(caseStart.getTime() + 90 * 60_000),
      audience: "OPEN",
      caseMaterials: "某区政务数据平台将企业员工社保信息提供给第三方用于信用评估，未告知本人。",
      questions: "一、该共享是否需要取得个人同意？\n二、平台应当承担哪些安全保护义务？",
      qrSecret: crypto.randomBytes(32).toString("hex"),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("EventSpeaker")
    .values([
      {
        eventId: lecture.id,
        position: 0,
        expertId: null,
        name: "周明",
        title: "辽宁大学法学院教授",
      },
      expert
        ? {
            eventId: discussion.id,
            position: 0,
            expertId: expert.id,
            name: expert.name,
            title: expert.title,
          }
        : {
            eventId: discussion.id,
            position: 0,
            expertId: null,
            name: "王教授",
            title: "法学副教授",
          },
    ])
    .execute();
  await insertCancelledDemo(tx, base, manager.unitId);
}

/**
 * A 法律培训 the organiser cancelled (event operations, issue 20): the demo staff member had
 * signed up and holds the cancellation notice, so 已取消 shows on /events and the home.
 */
async function insertCancelledDemo(
  tx: Q,
  base: { scopePath: string; createdById: number; createdAt: Date },
  unitId: number,
): Promise<void> {
  const staff = await tx
    .selectFrom("User")
    .select("id")
    .where("username", "=", "staff")
    .executeTakeFirst();
  const start = at(5, 9, 30);
  const reason = "主讲人临时出差，培训改期另行通知";
  const training = await tx
    .insertInto("Event")
    .values({
      ...base,
      kind: "TRAINING",
      title: "行政复议法培训（已取消示例）",
      description: "新修订行政复议法的受理范围与审理程序。",
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3600_000),
      year: year(start),
      room: "市数据局二楼培训室",
      capacity: 40,
      creditHours: 2,
      checkInFrom: new Date(start.getTime() - 30 * 60_000),
      checkInUntil: new Date(start.getTime() + 2 * 3600_000),
      audience: "TARGETED",
      qrSecret: crypto.randomBytes(32).toString("hex"),
      cancelledAt: new Date(),
      cancelReason: reason,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx
    .insertInto("EventAudience")
    .values({ eventId: training.id, kind: "SUBTREE", orgUnitId: unitId })
    .execute();
  await tx
    .insertInto("EventSpeaker")
    .values({ eventId: training.id, position: 0, name: "刘洋", title: "市司法局复议科科长" })
    .execute();
  if (!staff) return;
  await tx
    .insertInto("EventSignup")
    .values({ eventId: training.id, userId: staff.id, status: "CONFIRMED", createdAt: new Date() })
    .execute();
  await tx
    .insertInto("Notification")
    .values({
      userId: staff.id,
      kind: "EVENT_CANCELLED",
      title: "活动已取消：行政复议法培训（已取消示例）",
      body: `原定的活动已取消。原因：${reason}`,
      link: `/events/${training.id}`,
      createdAt: new Date(),
    })
    .execute();
}
