import { sql } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { audiencesFor } from "./access.ts";
import { catalogContent } from "./catalog-content.server.ts";
import { shanghaiYear } from "./completion.server.ts";
import { annualCreditHours } from "./settings.server.ts";

/** 学时 of all active courses the role may take: shown as "可获得 N 学时" so the requirement is seen to be reachable. */
export async function availableCreditHours(role: string): Promise<number> {
  const audiences = audiencesFor(role);
  if (audiences.length === 0) return 0;
  // The kept catalogue content (RollupVersion 6), in catalogue order.
  let h = 0;
  for (const c of await catalogContent()) if (audiences.includes(c.audience)) h += c.creditHours;
  return h;
}

/** Courses begun (a lesson read or a graded attempt) and not completed, with reading progress. */
const IN_PROGRESS = compiled((q, userId: number) =>
  q
    .selectFrom("Course as c")
    .innerJoin("Lesson as l", (j) => j.onRef("l.courseId", "=", "c.id").on("l.active", "=", true))
    .leftJoin("LessonProgress as p", (j) =>
      j.onRef("p.lessonId", "=", "l.id").on("p.userId", "=", userId),
    )
    .select((eb) => [
      "c.slug",
      "c.title",
      eb.fn.count<number>("l.id").as("lessons"),
      eb.fn.count<number>("p.readAt").as("readLessons"),
    ])
    .where("c.active", "=", true)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("Completion as k")
            .select("k.id")
            .where("k.userId", "=", userId)
            .whereRef("k.courseId", "=", "c.id"),
        ),
      ),
    )
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom("LessonProgress as p2")
            .innerJoin("Lesson as l2", "l2.id", "p2.lessonId")
            .select("p2.lessonId")
            .where("p2.userId", "=", userId)
            .whereRef("l2.courseId", "=", "c.id"),
        ),
        eb.exists(
          eb
            .selectFrom("QuizAttempt as a")
            .select("a.id")
            .where("a.userId", "=", userId)
            .whereRef("a.courseId", "=", "c.id")
            .where("a.practice", "=", false),
        ),
      ]),
    )
    .groupBy(["c.id", "c.slug", "c.title", "c.sortOrder"])
    .orderBy("c.sortOrder"),
);

const HOURS = compiled((q, userId: number, year: number) =>
  q
    .selectFrom("CreditLedger")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("creditHours"), sql<number>`0`).as("h"))
    .where("userId", "=", userId)
    .where("year", "=", year),
);

const CERTIFICATES = compiled((q, userId: number) =>
  q
    .selectFrom("Completion as k")
    .innerJoin("Course as c", "c.id", "k.courseId")
    .select(["k.certificateNo", "k.completedAt", "k.creditHours", "k.score", "c.title", "c.slug"])
    .where("k.userId", "=", userId)
    .orderBy("k.completedAt", "desc"),
);

const WRONG = compiled((q, userId: number) =>
  q
    .selectFrom("WrongAnswer")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId),
);

/** 我的学习: hours this year against the requirement, certificates, courses in progress, 错题本 size. */
export async function myLearning(user: { id: number; role: string }, now: Date) {
  const userId = user.id;
  const year = shanghaiYear(now);
  const [[hours], inProgress, certificates, [wrong], required, available] = await Promise.all([
    // 学时 from every source (the view CreditLedger: courses today, events from issue 20).
    HOURS.read(userId, year),
    IN_PROGRESS.read(userId),
    CERTIFICATES.read(userId),
    WRONG.read(userId),
    annualCreditHours(),
    availableCreditHours(user.role),
  ]);
  return {
    year,
    hours: hours!.h,
    required,
    available,
    inProgress,
    certificates: certificates.map(({ title, slug, ...k }) => ({ ...k, course: { title, slug } })),
    wrongCount: wrong!.n,
  };
}
