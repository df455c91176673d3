// Learning data for the scale database only (never the demo seed): synthetic
// benchmark courses next to the real ones, and a deterministic history of
// reading, quiz attempts and completions for the generated learners. Batched multi-row
// inserts on the data layer (app/data/bulk.server.ts) in the caller's transaction, on SQLite
// or PostgreSQL: millions of rows in seconds.
import crypto from "node:crypto";
import { sql } from "kysely";
import { insertValues } from "../../app/data/bulk.server.ts";
import type { Q } from "../../app/data/db.server.ts";
import {
  drawQuestions,
  shuffle,
  type DrawItem,
  type Option,
} from "../../app/modules/learning/grading.ts";
import { rng } from "./names.ts";

const DAY = 86_400_000;
const MINUTE = 60_000;
const BEIJING_OFFSET = 8 * 3600_000;

/** Same alphabet as the app's certificate codes (app/modules/learning/completion.server.ts). */
const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/** Beijing-time calendar year, as the app computes a completion's year. */
const beijingYear = (ms: number) => new Date(ms + BEIJING_OFFSET).getUTCFullYear();

// ---------------------------------------------------------------------------
// Synthetic courses
// ---------------------------------------------------------------------------

const SYNTHETIC_TOPICS: [title: string, category: string][] = [
  ["《行政许可法》要点", "行政法"],
  ["《行政处罚法》实务", "行政法"],
  ["《行政复议法》解读", "行政法"],
  ["《行政诉讼法》基础", "行政法"],
  ["《政府信息公开条例》解读", "政务公开"],
  ["《优化营商环境条例》学习", "营商环境"],
  ["《民法典》总则编", "民法"],
  ["《民法典》合同编", "民法"],
  ["《网络安全法》概要", "数据法治"],
  ["《电子签名法》与电子政务", "数据法治"],
  ["《保守国家秘密法》", "保密"],
  ["《公职人员政务处分法》", "廉政"],
  ["《监察法》基础", "廉政"],
  ["《档案法》与电子档案", "政务管理"],
  ["《统计法》要点", "政务管理"],
  ["《安全生产法》要点", "应急管理"],
  ["《信访工作条例》", "政务服务"],
  ["法治政府建设实施纲要", "法治政府"],
];

/** Question types of a synthetic bank, in key order: 8 questions, 5 drawn per attempt. */
const SYNTHETIC_BANK: ("single" | "multiple" | "truefalse")[] = [
  "single",
  "single",
  "single",
  "multiple",
  "multiple",
  "truefalse",
  "truefalse",
  "single",
];

export type SyntheticCourseOptions = { count?: number; now?: number; seed?: number };

/**
 * Inserts `count` (18) synthetic STAFF courses, slugs scale-01 … scale-18, with
 * 3 or 4 placeholder lessons each (so that 200,000 completions and their reading
 * fit in about a million progress rows) and 8 questions each. Run after the
 * content sync: the sync marks courses that are not in content/ inactive.
 */
export async function insertSyntheticCourses(
  q: Q,
  opts: SyntheticCourseOptions = {},
): Promise<{ courses: number; lessons: number; questions: number }> {
  const count = opts.count ?? SYNTHETIC_TOPICS.length;
  const now = new Date(opts.now ?? Date.now());
  const random = rng(opts.seed ?? 2026);
  const top = await q
    .selectFrom("Course")
    .select(sql<number>`COALESCE(MAX(${sql.ref("sortOrder")}), 0)`.as("m"))
    .executeTakeFirst();
  const sortBase = (top?.m ?? 0) + 1;
  type Row = unknown[];
  const courseRows: Row[] = [];
  const lessonRows: Row[] = [];
  const questionRows: Row[] = [];
  const versions: string[] = [];
  let lessons = 0;
  let questions = 0;
  for (let i = 0; i < count; i++) {
    const [topic, category] = SYNTHETIC_TOPICS[i % SYNTHETIC_TOPICS.length]!;
    const title = `${topic}（基准测试）`;
    const slug = `scale-${String(i + 1).padStart(2, "0")}`;
    const version = crypto
      .createHash("sha256")
      .update(`scale-course:${slug}:1`)
      .digest("hex")
      .slice(0, 16);
    const creditHours = [1, 2, 2, 3][i % 4]!;
    courseRows.push([
      slug,
      title,
      category,
      "STAFF",
      `基准测试课程：${topic}。仅用于规模数据库的性能测试。`,
      creditHours,
      80,
      5,
      20,
      3,
      "<p>基准测试课程的案例测验。</p>",
      sortBase + i,
      version,
      true,
      now,
    ]);
    versions.push(version);
    const lessonCount = i % 2 === 0 ? 3 : 4;
    for (let k = 1; k <= lessonCount; k++) {
      const html = `<p>基准测试课文：${topic} 第${k}课。</p>`;
      lessonRows.push([
        slug,
        `lesson-${k}`,
        k,
        `第${k}课 ${topic}`,
        html,
        1200,
        120 + Math.floor(random() * 180),
        version,
        true,
      ]);
      lessons++;
    }
    SYNTHETIC_BANK.forEach((type, k) => {
      let options: Option[];
      let answer: string[];
      if (type === "truefalse") {
        options = [
          { id: "T", text: "正确" },
          { id: "F", text: "错误" },
        ];
        answer = [random() < 0.5 ? "T" : "F"];
      } else if (type === "single") {
        options = ["a", "b", "c", "d"].map((id) => ({ id, text: `选项 ${id.toUpperCase()}` }));
        answer = [options[Math.floor(random() * 4)]!.id];
      } else {
        options = ["a", "b", "c", "d", "e"].map((id) => ({ id, text: `选项 ${id.toUpperCase()}` }));
        answer = shuffle(
          options.map((o) => o.id),
          random,
        )
          .slice(0, 2 + Math.floor(random() * 2))
          .sort();
      }
      questionRows.push([
        slug,
        `q${String(k + 1).padStart(2, "0")}`,
        type,
        null,
        `${topic} 基准测试题 ${k + 1}`,
        JSON.stringify(options),
        JSON.stringify(answer),
        "<p>基准测试解析。</p>",
        true,
      ]);
      questions++;
    });
  }
  const inserted = await insertValues(
    q,
    "Course",
    [
      "slug",
      "title",
      "category",
      "audience",
      "summary",
      "creditHours",
      "passMark",
      "questionsPerAttempt",
      "timeLimitMinutes",
      "attemptLimit",
      "quizIntroHtml",
      "sortOrder",
      "version",
      "active",
      "updatedAt",
    ],
    courseRows,
    ["id", "slug"],
  );
  const idOf = new Map(inserted.map((c) => [c.slug, c.id]));
  const withId = (rows: Row[]) => rows.map(([slug, ...rest]) => [idOf.get(String(slug)), ...rest]);
  await insertValues(
    q,
    "CourseVersion",
    ["courseId", "version", "createdAt"],
    courseRows.map((c, i) => [idOf.get(String(c[0])), versions[i], now]),
  );
  await insertValues(
    q,
    "Lesson",
    [
      "courseId",
      "slug",
      "position",
      "title",
      "html",
      "textLength",
      "minReadSeconds",
      "version",
      "active",
    ],
    withId(lessonRows),
  );
  await insertValues(
    q,
    "Question",
    [
      "courseId",
      "key",
      "type",
      "scenarioHtml",
      "stem",
      "options",
      "answer",
      "explanationHtml",
      "active",
    ],
    withId(questionRows),
  );
  return { courses: count, lessons, questions };
}

// ---------------------------------------------------------------------------
// Learning history
// ---------------------------------------------------------------------------

type CourseInfo = {
  id: number;
  slug: string;
  version: string;
  creditHours: number;
  passMark: number;
  questionsPerAttempt: number;
  timeLimitMinutes: number;
  attemptLimit: number;
  lessons: { id: number; minReadSeconds: number }[];
  bank: { id: number; type: string; options: Option[]; answer: string[] }[];
};

export type ActivityOptions = {
  /** LessonProgress rows to write (≈; exact unless the learners run out). */
  progressRows?: number;
  /** Completion rows to write. */
  completions?: number;
  now?: number;
  seed?: number;
};

export type ActivityReport = {
  courseStatusRows: number;
  learners: number;
  courses: number;
  progressRows: number;
  unreadProgressRows: number;
  completions: number;
  completionsByYear: Record<string, number>;
  inProgressCourses: number;
  attempts: number;
  learnersWithCompletion: number;
  timings: Record<string, number>;
};

async function loadCourses(q: Q): Promise<CourseInfo[]> {
  const courses = await q
    .selectFrom("Course")
    .select([
      "id",
      "slug",
      "version",
      "creditHours",
      "passMark",
      "questionsPerAttempt",
      "timeLimitMinutes",
      "attemptLimit",
    ])
    .where("active", "=", true)
    .where("audience", "in", ["STAFF", "ALL"])
    .orderBy("id")
    .execute();
  const lessons = await q
    .selectFrom("Lesson")
    .select(["id", "courseId", "minReadSeconds"])
    .where("active", "=", true)
    .orderBy("courseId")
    .orderBy("position")
    .execute();
  const questions = await q
    .selectFrom("Question")
    .select(["id", "courseId", "type", "options", "answer"])
    .where("active", "=", true)
    .orderBy("id")
    .execute();
  return courses.map((c) => ({
    ...c,
    lessons: lessons
      .filter((l) => l.courseId === c.id)
      .map((l) => ({ id: l.id, minReadSeconds: l.minReadSeconds })),
    bank: questions
      .filter((k) => k.courseId === c.id)
      .map((k) => ({
        id: k.id,
        type: k.type,
        options: JSON.parse(k.options) as Option[],
        answer: JSON.parse(k.answer) as string[],
      })),
  }));
}

/** Answers that score exactly `right` of the draw: right ones from the key, wrong ones a wrong option. */
function answersFor(
  draw: DrawItem[],
  bank: Map<number, CourseInfo["bank"][number]>,
  right: number,
  random: () => number,
): string {
  const correct = new Set(
    shuffle(
      draw.map((d) => d.questionId),
      random,
    ).slice(0, right),
  );
  const out: Record<string, string[]> = {};
  for (const d of draw) {
    const q = bank.get(d.questionId)!;
    if (correct.has(q.id)) {
      out[q.id] = q.answer;
      continue;
    }
    const wrong = q.options.map((o) => o.id).find((id) => !q.answer.includes(id));
    // A multiple-choice question whose every option is right (never in practice): leave one out.
    out[q.id] = wrong ? [wrong] : q.answer.slice(1);
  }
  return JSON.stringify(out);
}

/**
 * Writes a deterministic learning history for every STAFF and MANAGER user:
 * `completions` (user, course) pairs completed, weighted towards the real
 * courses and towards keen learners (some never start anything), each with all
 * lessons read before it and a passed attempt (a quarter after a failed one);
 * then courses in progress (the first lessons opened, the last one often not
 * yet read, some with a failed attempt) until `progressRows` progress rows are
 * written. Times are unix ms, completions from January 2025 to yesterday.
 * Then the CourseStatus summary, with the app's own backfill statement.
 */
export async function insertLearningActivity(
  q: Q,
  opts: ActivityOptions = {},
): Promise<ActivityReport> {
  const timings: Record<string, number> = {};
  let mark = Date.now();
  const lap = (name: string) => {
    const t = Date.now();
    timings[name] = (t - mark) / 1000;
    mark = t;
  };
  const now = opts.now ?? Date.now();
  const targetProgress = opts.progressRows ?? 1_000_000;
  const targetCompletions = opts.completions ?? 200_000;
  const random = rng(opts.seed ?? 4242);
  const exp = () => -Math.log(1 - random()); // Exp(1)

  const courses = (await loadCourses(q)).filter((c) => c.lessons.length > 0 && c.bank.length > 0);
  const learners = (
    await q
      .selectFrom("User")
      .select("id")
      .where("role", "in", ["STAFF", "MANAGER"])
      .where("disabled", "=", false)
      .orderBy("id")
      .execute()
  ).map((u) => u.id);
  const U = learners.length;
  const C = courses.length;
  if (U === 0 || C === 0) throw new Error("seed learning: no learners or no courses");
  const banks = courses.map((c) => new Map(c.bank.map((q) => [q.id, q])));

  // Keenness per learner (12 % never start a course) and popularity per course
  // (the two real, mandatory-looking courses first, then falling off).
  const keen = new Float64Array(U);
  for (let u = 0; u < U; u++) keen[u] = random() < 0.12 ? 0 : 0.2 + exp();
  const popularity = courses.map((c, i) =>
    i < 2 && !c.slug.startsWith("scale-") ? 3 : Math.pow(0.88, i),
  );

  // 1. Completions: the `targetCompletions` smallest keys Exp / (keen * popularity)
  //    (weighted sampling without replacement over all user × course pairs).
  const pairs = U * C;
  const key = new Float64Array(pairs);
  for (let u = 0; u < U; u++)
    for (let c = 0; c < C; c++)
      key[u * C + c] = keen[u]! === 0 ? Infinity : exp() / (keen[u]! * popularity[c]!);
  const state = new Uint8Array(pairs); // 0 nothing, 1 completed, 2 in progress
  const wanted = Math.min(targetCompletions, pairs);
  const sorted = Float64Array.from(key).sort();
  const threshold = sorted[wanted - 1]!;
  let completionCount = 0;
  for (let i = 0; i < pairs && completionCount < wanted; i++) {
    if (key[i]! <= threshold && Number.isFinite(key[i]!)) {
      state[i] = 1;
      completionCount++;
    }
  }
  let progressBudget = targetProgress;
  for (let i = 0; i < pairs; i++)
    if (state[i] === 1) progressBudget -= courses[i % C]!.lessons.length;
  lap("choose completions");

  // 2. Courses in progress, in the same weighted order, until the progress budget is spent.
  //    opened[i] = lessons opened (the first ones, in order).
  const opened = new Uint8Array(pairs);
  if (progressBudget > 0) {
    for (let i = 0; i < pairs; i++)
      key[i] =
        state[i] !== 0 || keen[Math.floor(i / C)]! === 0
          ? Infinity
          : exp() / (keen[Math.floor(i / C)]! * popularity[i % C]!);
    const finite = Float64Array.from(key).sort();
    const cut = finite[Math.min(pairs, Math.max(1, Math.ceil(progressBudget / 1.5))) - 1]!;
    const candidates: number[] = [];
    for (let i = 0; i < pairs; i++)
      if (key[i]! <= cut && Number.isFinite(key[i]!)) candidates.push(i);
    candidates.sort((a, b) => key[a]! - key[b]!);
    for (const i of candidates) {
      if (progressBudget <= 0) break;
      const lessons = courses[i % C]!.lessons.length;
      const m = Math.min(progressBudget, 1 + Math.floor(random() * lessons));
      state[i] = 2;
      opened[i] = m;
      progressBudget -= m;
    }
  }
  lap("choose courses in progress");

  // 3. Rows, learner by learner and course by course: progress rows come out in
  //    primary-key order; completions and attempts are sorted by time afterwards
  //    so that ids grow with time as they would in production.
  // Progress rows go out in batches as they are made (the database's work overlaps ours).
  const PROGRESS = ["userId", "lessonId", "openedAt", "readAt"] as const;
  let progressBatch: unknown[][] = [];
  const flushProgress = async () => {
    const rows = progressBatch;
    progressBatch = [];
    await insertValues(q, "LessonProgress", PROGRESS, rows);
  };
  const insertProgress = async (
    userId: number,
    lessonId: number,
    opened: number,
    read: number | null,
  ) => {
    progressBatch.push([userId, lessonId, new Date(opened), read === null ? null : new Date(read)]);
    if (progressBatch.length >= 20_000) await flushProgress();
  };
  type Attempt = [
    userId: number,
    courseId: number,
    version: string,
    draw: string,
    answers: string,
    startedAt: number,
    deadline: number,
    submittedAt: number,
    score: number,
    passed: number,
  ];
  type CompletionRow = [
    userId: number,
    courseId: number,
    version: string,
    score: number,
    creditHours: number,
    completedAt: number,
    year: number,
  ];
  const attempts: Attempt[] = [];
  const completionRows: CompletionRow[] = [];
  const start2025 = Date.UTC(2025, 0, 5) - BEIJING_OFFSET;
  const lastCompletion = now - DAY;
  let progressRows = 0;
  let unread = 0;
  let inProgress = 0;
  const learnersWithCompletion = new Set<number>();

  const attempt = (userId: number, c: number, startedAt: number, right: number): Attempt => {
    const course = courses[c]!;
    const draw = drawQuestions(course.bank, course.questionsPerAttempt, random);
    const score = draw.length ? Math.round((100 * right) / draw.length) : 0;
    const submittedAt =
      startedAt + Math.floor((3 + random() * (course.timeLimitMinutes - 4)) * MINUTE);
    return [
      userId,
      course.id,
      course.version,
      JSON.stringify(draw),
      answersFor(draw, banks[c]!, right, random),
      startedAt,
      startedAt + course.timeLimitMinutes * MINUTE,
      submittedAt,
      score,
      score >= course.passMark ? 1 : 0,
    ];
  };
  const passingRight = (c: number) => {
    const course = courses[c]!;
    const n = Math.min(course.questionsPerAttempt, course.bank.length);
    const min = Math.ceil((course.passMark * n) / 100);
    return min + Math.floor(random() * (n - min + 1));
  };
  const failingRight = (c: number) => {
    const course = courses[c]!;
    const n = Math.min(course.questionsPerAttempt, course.bank.length);
    const max = Math.ceil((course.passMark * n) / 100) - 1;
    return Math.max(0, max - Math.floor(random() * 3));
  };

  for (let u = 0; u < U; u++) {
    const userId = learners[u]!;
    for (let c = 0; c < C; c++) {
      const s = state[u * C + c]!;
      if (s === 0) continue;
      const course = courses[c]!;
      const lessons = course.lessons;
      if (s === 1) {
        // Completed: all lessons read (walking back from the quiz), a passed attempt, maybe a failed one before it.
        const completedAt = start2025 + Math.floor(random() * (lastCompletion - start2025));
        const passStart = completedAt - Math.floor((5 + random() * 14) * MINUTE);
        const passed = attempt(userId, c, passStart, passingRight(c));
        passed[7] = completedAt;
        let t = passStart - Math.floor(random() * 2 * DAY);
        if (random() < 0.25) {
          const failStart = t - Math.floor((30 + random() * 24 * 60) * MINUTE);
          attempts.push(attempt(userId, c, failStart, failingRight(c)));
          t = failStart;
        }
        attempts.push(passed);
        const times: [number, number][] = [];
        for (let k = lessons.length - 1; k >= 0; k--) {
          const readAt = t - Math.floor(random() * 3 * DAY);
          const openedAt =
            readAt - lessons[k]!.minReadSeconds * 1000 - Math.floor(random() * 20 * MINUTE);
          times[k] = [openedAt, readAt];
          t = openedAt;
        }
        for (let k = 0; k < lessons.length; k++)
          await insertProgress(userId, lessons[k]!.id, times[k]![0], times[k]![1]);
        progressRows += lessons.length;
        completionRows.push([
          userId,
          course.id,
          course.version,
          passed[8],
          course.creditHours,
          completedAt,
          beijingYear(completedAt),
        ]);
        learnersWithCompletion.add(userId);
      } else {
        // In progress: the first m lessons opened; the last one read 40 % of the time
        // (always read when it is not the last opened); all read → maybe failed attempts.
        inProgress++;
        const m = opened[u * C + c]!;
        const lastRead = m < lessons.length ? random() < 0.4 : random() < 0.6;
        let t = now - Math.floor(random() * 240 * DAY) - Math.floor(random() * 60 * MINUTE);
        const allRead = m === lessons.length && lastRead;
        if (allRead && random() < 0.5) {
          const failStart = t - 3 * DAY;
          attempts.push(attempt(userId, c, failStart, failingRight(c)));
          if (random() < 0.3 && course.attemptLimit > 2)
            attempts.push(
              attempt(
                userId,
                c,
                failStart + Math.floor((1 + random() * 48) * 3600_000),
                failingRight(c),
              ),
            );
          t = failStart - Math.floor(random() * DAY);
        }
        const times: [number, number | null][] = [];
        for (let k = m - 1; k >= 0; k--) {
          const isLast = k === m - 1;
          const read = !isLast || lastRead;
          const readAt = read ? t - Math.floor(random() * 2 * DAY) : null;
          const openedAt =
            (readAt ?? t) - lessons[k]!.minReadSeconds * 1000 - Math.floor(random() * 20 * MINUTE);
          times[k] = [openedAt, readAt];
          t = openedAt;
          if (!read) unread++;
        }
        for (let k = 0; k < m; k++)
          await insertProgress(userId, lessons[k]!.id, times[k]![0], times[k]![1]);
        progressRows += m;
      }
    }
  }
  await flushProgress();
  lap("insert lesson progress");

  attempts.sort((a, b) => a[5] - b[5]);
  await insertValues(
    q,
    "QuizAttempt",
    [
      "userId",
      "courseId",
      "courseVersion",
      "practice",
      "draw",
      "answers",
      "startedAt",
      "deadline",
      "submittedAt",
      "score",
      "passed",
    ],
    attempts.map((a) => [
      a[0],
      a[1],
      a[2],
      false,
      a[3],
      a[4],
      new Date(a[5]),
      new Date(a[6]),
      new Date(a[7]),
      a[8],
      a[9] === 1,
    ]),
  );
  lap("insert quiz attempts");

  completionRows.sort((a, b) => a[5] - b[5]);
  const completionValues: unknown[][] = [];
  const code = () => {
    let s = "";
    for (let i = 0; i < 8; i++) s += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
    return s;
  };
  const usedNumbers = new Set<string>();
  const byYear: Record<string, number> = {};
  for (const r of completionRows) {
    let no: string;
    do no = `FZXT-${r[6]}-${code()}`;
    while (usedNumbers.has(no));
    usedNumbers.add(no);
    completionValues.push([r[0], r[1], r[2], r[3], r[4], new Date(r[5]), r[6], no, code()]);
    byYear[r[6]] = (byYear[r[6]] ?? 0) + 1;
  }
  await insertValues(
    q,
    "Completion",
    [
      "userId",
      "courseId",
      "courseVersion",
      "score",
      "creditHours",
      "completedAt",
      "year",
      "certificateNo",
      "verifyCode",
    ],
    completionValues,
  );
  lap("insert completions");

  // The per-learner course summary the rollups read, derived as the app's migration backfills
  // it (course-status.server.ts): started at the first opened lesson, attempt or completion,
  // completed at the completion.
  const courseStatusRows = await insertCourseStatus(q);
  lap("CourseStatus backfill");

  return {
    courseStatusRows,
    learners: U,
    courses: C,
    progressRows,
    unreadProgressRows: unread,
    completions: completionRows.length,
    completionsByYear: byYear,
    inProgressCourses: inProgress,
    attempts: attempts.length,
    learnersWithCompletion: learnersWithCompletion.size,
    timings,
  };
}

/** CourseStatus from the records, as COURSE_STATUS_BACKFILL_SQL derives it, in builder SQL. */
async function insertCourseStatus(q: Q): Promise<number> {
  const starts = q
    .selectFrom("LessonProgress as p")
    .innerJoin("Lesson as l", "l.id", "p.lessonId")
    .select(["p.userId", "l.courseId", "p.openedAt as startedAt"])
    .unionAll(
      q
        .selectFrom("QuizAttempt")
        .select(["userId", "courseId", "startedAt"])
        .where("practice", "=", false),
    )
    .unionAll(
      q.selectFrom("Completion").select(["userId", "courseId", "completedAt as startedAt"]),
    );
  await q
    .insertInto("CourseStatus")
    .columns(["userId", "courseId", "startedAt", "completedAt"])
    .expression(
      q
        .selectFrom(starts.as("s"))
        .leftJoin("Completion as k", (j) =>
          j.onRef("k.userId", "=", "s.userId").onRef("k.courseId", "=", "s.courseId"),
        )
        .select((e) => [
          "s.userId",
          "s.courseId",
          e.fn.min("s.startedAt").as("startedAt"),
          e.fn.max("k.completedAt").as("completedAt"),
        ])
        .groupBy(["s.userId", "s.courseId"]),
    )
    .execute();
  const row = await q
    .selectFrom("CourseStatus")
    .select((e) => e.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}
