// The learning POSTs of `npm run bench` (quiz start, quiz submit). One learner
// cannot drive them: a second start returns his open attempt and a second submit
// finds the attempt graded. So the bench writes its own sessions (sessions.ts)
// for thousands of generated staff, and rotates (cookie, course) or (cookie, attempt) pairs so
// that every request does the real work. Afterwards it checks in the database
// how many requests did.
import type Database from "better-sqlite3";
import { drawQuestions, type Option } from "../../app/modules/learning/grading.ts";
import type { BenchRequest } from "autocannon";
import { asFormPost, createSessions } from "./sessions.ts";

/** What the bench runs for a POST target, and how it checks the outcome. */
export type PostScenario = {
  /** The path shown in the table. */
  label: string;
  /** One line on how the target was measured. */
  describe: string;
  requests: BenchRequest[];
  /** The status of an answer that did the work: 302 (a redirect after the POST) unless said. */
  expectedStatus?: number;
  /** Called after the run: a one-line outcome (fresh work done vs requests) and a problem, if any. */
  verify(): { summary: string; problem: string | null; details: Record<string, number> };
};

function courseBySlug(db: Database.Database, slug: string) {
  const row = db
    .prepare(
      "SELECT id, slug, version, questionsPerAttempt, timeLimitMinutes, attemptLimit FROM Course WHERE slug = ? AND active = 1",
    )
    .get(slug) as
    | {
        id: number;
        slug: string;
        version: string;
        questionsPerAttempt: number;
        timeLimitMinutes: number;
        attemptLimit: number;
      }
    | undefined;
  if (!row)
    throw new Error(
      `bench: course "${slug}" is not in the bench database (BENCH_RESEED=1 recreates it)`,
    );
  return row;
}

/** Path of a course's first active lesson. */
export function firstLessonPath(db: Database.Database, courseSlug: string): string {
  const row = db
    .prepare(
      "SELECT l.slug FROM Lesson l JOIN Course c ON c.id = l.courseId WHERE c.slug = ? AND c.active = 1 AND l.active = 1 ORDER BY l.position LIMIT 1",
    )
    .get(courseSlug) as { slug: string } | undefined;
  if (!row) throw new Error(`bench: course "${courseSlug}" has no lessons in the bench database`);
  return `/learn/courses/${courseSlug}/lessons/${row.slug}`;
}

const locationOf = (headers: Record<string, string | string[]>) => {
  const entry = Object.entries(headers).find(([k]) => k.toLowerCase() === "location");
  const v = entry?.[1];
  return Array.isArray(v) ? v[0] : v;
};

type Tally = {
  responses: number;
  expected: number;
  badLocation: number;
  otherStatus: number;
  sampleBad: string | null;
};
const newTally = (): Tally => ({
  responses: 0,
  expected: 0,
  badLocation: 0,
  otherStatus: 0,
  sampleBad: null,
});

function record(
  t: Tally,
  status: number,
  location: string | undefined,
  ok: (location: string) => boolean,
) {
  t.responses++;
  if (status === 302 && location && ok(location)) t.expected++;
  else if (status === 302) {
    t.badLocation++;
    t.sampleBad ??= `302 -> ${location ?? "?"}`;
  } else {
    t.otherStatus++;
    t.sampleBad ??= `HTTP ${status}`;
  }
}

/**
 * Quiz start: POST /learn/courses/<slug> intent=start-quiz, 302 to /learn/quiz/<new id>.
 * Pairs (learner, course) with no completion and no attempt yet, so each start
 * draws and stores a new attempt; request i takes course i mod k and the next
 * learner for that course. Past the pool a start would only resume.
 */
export async function quizStartScenario(
  db: Database.Database,
  origin: string,
  slugs: string[],
  perCourse: number,
): Promise<PostScenario> {
  const courses = slugs.map((s) => courseBySlug(db, s));
  const eligible = db.prepare(
    `SELECT u.id FROM User u
     WHERE u.role = 'STAFF' AND u.disabled = 0 AND u.mustChangePassword = 0 AND u.username LIKE 'S%'
       AND NOT EXISTS (SELECT 1 FROM Completion k WHERE k.userId = u.id AND k.courseId = ?)
       AND NOT EXISTS (SELECT 1 FROM QuizAttempt a WHERE a.userId = u.id AND a.courseId = ? AND a.practice = 0)
     ORDER BY u.id LIMIT ?`,
  );
  const pools = courses.map((c) =>
    (eligible.all(c.id, c.id, perCourse) as { id: number }[]).map((r) => r.id),
  );
  const users = [...new Set(pools.flat())];
  const cookies = await createSessions(db, users);
  const cookieOf = new Map(users.map((u, i) => [u, cookies[i]!]));
  const capacity = pools.reduce((s, p) => s + p.length, 0);
  if (capacity === 0)
    throw new Error(
      "bench: no learner left who has not started these courses (BENCH_RESEED=1 recreates the database)",
    );
  const maxIdBefore = (
    db.prepare("SELECT COALESCE(MAX(id), 0) AS m FROM QuizAttempt").get() as { m: number }
  ).m;
  const startedAt = Date.now();
  let next = 0;
  const tally = newTally();
  const seen = new Set<string>();
  let resumed = 0; // a 302 to an attempt an earlier start already returned
  const body = new URLSearchParams({ intent: "start-quiz" }).toString();
  const request: BenchRequest = {
    method: "POST",
    setupRequest(req) {
      const i = next++;
      const k = i % courses.length;
      const pool = pools[k]!.length > 0 ? pools[k]! : pools.find((p) => p.length > 0)!;
      const userId = pool[Math.floor(i / courses.length) % pool.length]!;
      return asFormPost(req, {
        path: `/learn/courses/${courses[k]!.slug}`,
        cookie: cookieOf.get(userId)!,
        origin,
        body,
      });
    },
    onResponse(status, _body, _context, headers) {
      const location = locationOf(headers);
      record(tally, status, location, (l) => /^\/learn\/quiz\/\d+$/.test(l));
      if (status === 302 && location) {
        if (seen.has(location)) resumed++;
        else seen.add(location);
      }
    },
  };
  return {
    label: `/learn/courses/{${slugs.join(",")}} intent=start-quiz`,
    describe: `quiz start: ${users.length} generated staff with fresh bench sessions, ${capacity} (learner, course) pairs never started; each request starts a new attempt until the pairs run out (then it only resumes)`,
    requests: [request],
    verify() {
      const created = (
        db
          .prepare(
            "SELECT COUNT(*) AS n FROM QuizAttempt WHERE id > ? AND practice = 0 AND startedAt >= ? AND courseId IN (" +
              courses.map(() => "?").join(",") +
              ")",
          )
          .get(maxIdBefore, startedAt - 1000, ...courses.map((c) => c.id)) as { n: number }
      ).n;
      const problems: string[] = [];
      if (tally.badLocation + tally.otherStatus > 0)
        problems.push(
          `${tally.badLocation + tally.otherStatus} unexpected answers (first: ${tally.sampleBad})`,
        );
      if (resumed > 0)
        problems.push(
          `${resumed} starts only resumed an open attempt (pool of ${capacity} pairs too small)`,
        );
      return {
        summary: `${tally.responses} responses incl. warm-up: ${tally.expected} x 302 -> /learn/quiz/<id> (${seen.size} distinct new attempts, ${resumed} resumed); ${created} attempts stored (requests in flight when autocannon stops count here, not as responses)`,
        problem: problems.length > 0 ? problems.join("; ") : null,
        details: {
          responses: tally.responses,
          expected: tally.expected,
          created,
          resumed,
          unexpected: tally.badLocation + tally.otherStatus,
          capacity,
        },
      };
    },
  };
}

/**
 * Quiz submit: POST /learn/quiz/<id> intent=submit with an answer for every
 * drawn question (about 85 % right, so most pass and some go to the 错题本).
 * The attempts are inserted here, open and unanswered, for generated staff on
 * the synthetic courses; each request grades a different one. Passing ones run
 * the completion check and, for a learner who has read every lesson, write the
 * completion and its audit row, as in production.
 */
export async function quizSubmitScenario(
  db: Database.Database,
  origin: string,
  slugPrefix: string,
  learners: number,
  attemptsWanted: number,
): Promise<PostScenario> {
  const courses = db
    .prepare(
      "SELECT id, slug, version, questionsPerAttempt, timeLimitMinutes FROM Course WHERE slug LIKE ? AND active = 1 ORDER BY id",
    )
    .all(`${slugPrefix}%`) as {
    id: number;
    slug: string;
    version: string;
    questionsPerAttempt: number;
    timeLimitMinutes: number;
  }[];
  if (courses.length === 0)
    throw new Error(
      `bench: no "${slugPrefix}*" courses in the bench database (BENCH_RESEED=1 recreates it)`,
    );
  const bankOf = db.prepare(
    "SELECT id, type, options, answer FROM Question WHERE courseId = ? AND active = 1",
  );
  const banks = courses.map((c) =>
    (bankOf.all(c.id) as { id: number; type: string; options: string; answer: string }[]).map(
      (q) => ({
        id: q.id,
        type: q.type,
        options: JSON.parse(q.options) as Option[],
        answer: JSON.parse(q.answer) as string[],
      }),
    ),
  );
  const users = (
    db
      .prepare(
        "SELECT id FROM User WHERE role = 'STAFF' AND disabled = 0 AND mustChangePassword = 0 AND username LIKE 'S%' ORDER BY id DESC LIMIT ?",
      )
      .all(learners) as { id: number }[]
  ).map((r) => r.id);
  const cookies = await createSessions(db, users);
  const now = Date.now();
  const insert = db.prepare(
    `INSERT INTO QuizAttempt (userId, courseId, courseVersion, practice, draw, answers, startedAt, deadline, submittedAt, score, passed)
     VALUES (?, ?, ?, 0, ?, '{}', ?, ?, NULL, NULL, NULL)`,
  );
  const random = Math.random;
  const jobs: { attemptId: number; cookie: string; body: string }[] = [];
  db.transaction(() => {
    for (let j = 0; j < attemptsWanted; j++) {
      const u = j % users.length;
      const c = (j * 7 + Math.floor(j / users.length)) % courses.length;
      const course = courses[c]!;
      const bank = banks[c]!;
      const draw = drawQuestions(bank, course.questionsPerAttempt, random);
      const startedAt = now - 5 * 60_000;
      const id = Number(
        insert.run(
          users[u]!,
          course.id,
          course.version,
          JSON.stringify(draw),
          startedAt,
          startedAt + course.timeLimitMinutes * 60_000,
        ).lastInsertRowid,
      );
      const form = new URLSearchParams({ intent: "submit" });
      for (const d of draw) {
        const q = bank.find((b) => b.id === d.questionId)!;
        const right = random() < 0.85;
        const given = right
          ? q.answer
          : [q.options.map((o) => o.id).find((o) => !q.answer.includes(o)) ?? q.answer[0]!];
        for (const g of given) form.append(`q${q.id}`, g);
      }
      jobs.push({ attemptId: id, cookie: cookies[u]!, body: form.toString() });
    }
  })();
  const firstId = jobs[0]!.attemptId;
  const lastId = jobs.at(-1)!.attemptId;
  const completionsBefore = (
    db.prepare("SELECT COUNT(*) AS n FROM Completion").get() as { n: number }
  ).n;
  let next = 0;
  const tally = newTally();
  const request: BenchRequest = {
    method: "POST",
    setupRequest(req) {
      // autocannon builds one request per connection up front; those are sent too.
      const job = jobs[next++ % jobs.length]!;
      const path = `/learn/quiz/${job.attemptId}`;
      return asFormPost(req, { path, cookie: job.cookie, origin, body: job.body });
    },
    onResponse(status, _body, _context, headers) {
      record(tally, status, locationOf(headers), (l) => /^\/learn\/quiz\/\d+$/.test(l));
    },
  };
  return {
    label: "/learn/quiz/:id intent=submit",
    describe: `quiz submit: ${jobs.length} open attempts inserted for ${users.length} generated staff on ${courses.length} ${slugPrefix}* courses (5 questions each), fresh bench sessions; each request grades a different attempt until they run out (then it replays a graded one)`,
    requests: [request],
    verify() {
      const graded = db
        .prepare(
          "SELECT COUNT(*) AS n, SUM(passed) AS passed FROM QuizAttempt WHERE id BETWEEN ? AND ? AND submittedAt IS NOT NULL",
        )
        .get(firstId, lastId) as { n: number; passed: number | null };
      const completions =
        (db.prepare("SELECT COUNT(*) AS n FROM Completion").get() as { n: number }).n -
        completionsBefore;
      const replays = Math.max(0, next - jobs.length);
      const problems: string[] = [];
      if (tally.badLocation + tally.otherStatus > 0)
        problems.push(
          `${tally.badLocation + tally.otherStatus} unexpected answers (first: ${tally.sampleBad})`,
        );
      if (replays > 0)
        problems.push(
          `${replays} submits replayed an attempt already graded (pool of ${jobs.length} too small)`,
        );
      return {
        summary: `${tally.responses} responses incl. warm-up: ${tally.expected} x 302 -> /learn/quiz/<id>; ${graded.n} distinct attempts graded (${graded.passed ?? 0} passed; requests in flight when autocannon stops count here, not as responses), ${completions} completions written`,
        problem: problems.length > 0 ? problems.join("; ") : null,
        details: {
          responses: tally.responses,
          expected: tally.expected,
          graded: graded.n,
          passed: graded.passed ?? 0,
          completions,
          replays,
          unexpected: tally.badLocation + tally.otherStatus,
          pool: jobs.length,
        },
      };
    },
  };
}
