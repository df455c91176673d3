import type { Kysely } from "kysely";
import { compiled } from "#app/data/compiled.server.ts";
import { db, type DB } from "#app/data/db.server.ts";
import { ROLLUP, rollupVersion } from "#app/data/rollup-version.server.ts";
import { cardSummary } from "./catalog-view.ts";

/** An active course as every learner's catalogue shows it: the same for everyone. */
export type CatalogCourse = {
  readonly id: number;
  readonly slug: string;
  readonly title: string;
  readonly category: string;
  readonly audience: string;
  /** The whole summary (the search reads it). */
  readonly summary: string;
  /** The summary as the card shows it (catalog-view's cardSummary), made once per version. */
  readonly cardSummary: string;
  readonly creditHours: number;
  /** Active lessons. */
  readonly lessons: number;
};

const CONTENT = compiled((q) =>
  q
    .selectFrom("Course as c")
    .select((eb) => [
      "c.id",
      "c.slug",
      "c.title",
      "c.category",
      "c.audience",
      "c.summary",
      "c.creditHours",
      eb
        .selectFrom("Lesson as l")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("l.courseId", "=", "c.id")
        .where("l.active", "=", true)
        .$asScalar()
        .$notNull()
        .as("lessons"),
    ])
    .where("c.active", "=", true)
    .orderBy("c.sortOrder")
    .orderBy("c.id"),
);

const COURSE_NAMES = compiled((q) =>
  q.selectFrom("Course").select(["id", "slug", "title", "sortOrder"]),
);

/** A course's names, active or not (a certificate or an assignment may name a closed course). */
export type CourseName = {
  readonly slug: string;
  readonly title: string;
  readonly sortOrder: number;
};

const LESSONS = compiled((q) => q.selectFrom("Lesson").select(["id", "courseId", "active"]));

/** The kept content: the courses, and each lesson's course (all under RollupVersion 6). */
export type CatalogIndex = {
  readonly courses: readonly CatalogCourse[];
  /** Active lesson id → its course id: a learner's read lessons per course without a join. */
  readonly courseOfLesson: ReadonlyMap<number, number>;
  /** Every lesson id, active or not → its course id: the courses a learner opened a lesson of. */
  readonly courseOfAnyLesson: ReadonlyMap<number, number>;
  /** Every course, active or not → its slug, title and catalogue order. */
  readonly courseName: ReadonlyMap<number, CourseName>;
};

async function readContent(handle: Kysely<DB>): Promise<CatalogIndex> {
  const [rows, lessons, names] = await Promise.all([
    CONTENT.rows(handle),
    LESSONS.rows(handle),
    COURSE_NAMES.rows(handle),
  ]);
  return {
    courses: rows.map((r) => Object.freeze({ ...r, cardSummary: cardSummary(r.summary) })),
    courseOfLesson: new Map(lessons.filter((l) => l.active).map((l) => [l.id, l.courseId])),
    courseOfAnyLesson: new Map(lessons.map((l) => [l.id, l.courseId])),
    courseName: new Map(
      names.map((c) => [
        c.id,
        Object.freeze({ slug: c.slug, title: c.title, sortOrder: c.sortOrder }),
      ]),
    ),
  };
}

/** Per connection handle, so a process that opens another database never reads this one's. */
const kept = new WeakMap<object, { version: number; index: CatalogIndex }>();

/**
 * Every active course in catalogue order (sortOrder, id) with its active lesson count, kept in
 * the process under RollupVersion 6 (decision 0014): one primary-key read per call tells whether
 * the kept list is still the database's, also across processes. The version is read before the
 * list, so a write in between can only make the next call read the list again.
 */
export async function catalogContent(): Promise<readonly CatalogCourse[]> {
  return (await catalogIndex()).courses;
}

/** catalogContent with each active lesson's course, kept the same way (one version read a call). */
export async function catalogIndex(): Promise<CatalogIndex> {
  const handle = db();
  const version = await rollupVersion(ROLLUP.catalogue, handle);
  if (version === null) return readContent(handle);
  const k = kept.get(handle);
  if (k?.version === version) return k.index;
  const index = await readContent(handle);
  kept.set(handle, { version, index });
  return index;
}
