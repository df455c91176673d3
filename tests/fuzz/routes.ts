// The route list the fuzz suite covers IS the app's route list: read from the Remix build
// manifest, so a new route is fuzzed without anyone adding it here. A route with URL params
// needs a line in PARAMS (seeded ids to fill them); without one the suite fails and says so.
import type Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

type ManifestRoute = {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  hasAction: boolean;
  hasLoader: boolean;
};
export type FuzzRoute = { id: string; pattern: string; hasAction: boolean; hasLoader: boolean };

export function buildRoutes(root: string): FuzzRoute[] {
  const dir = path.join(root, "build/client/assets");
  const file = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error("fuzz: no Remix manifest in build/client/assets; run `npm run build`");
  const text = fs.readFileSync(path.join(dir, file), "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1);
  const routes = (JSON.parse(json) as { routes: Record<string, ManifestRoute> }).routes;
  const fullPath = (r: ManifestRoute): string => {
    const parent = r.parentId ? routes[r.parentId] : undefined;
    const own = r.path ?? "";
    const up = parent ? fullPath(parent) : "";
    return [up, own].filter(Boolean).join("/");
  };
  return Object.values(routes)
    .filter((r) => r.id !== "root")
    .map((r) => ({
      id: r.id,
      pattern: `/${fullPath(r)}`,
      hasAction: r.hasAction,
      hasLoader: r.hasLoader,
    }));
}

const one = (db: Database.Database, sql: string, fallback: string): string =>
  String((db.prepare(sql).pluck().get() as string | number | undefined) ?? fallback);

/** Seeded values for each parameterised route (first value: a real row where the seed has one). */
export function seededParams(db: Database.Database): Record<string, Record<string, string>> {
  const staffId = one(db, "SELECT id FROM User WHERE username LIKE 'A0%' ORDER BY id LIMIT 1", "1");
  const leafUnit = one(db, "SELECT id FROM OrgUnit ORDER BY depth DESC, id LIMIT 1", "1");
  const course = db
    .prepare(
      "SELECT c.slug AS slug, l.slug AS lesson FROM Course c JOIN Lesson l ON l.courseId = c.id ORDER BY c.id, l.position LIMIT 1",
    )
    .get() as { slug: string; lesson: string } | undefined;
  return {
    "/*": { "*": "no-such-page" },
    "/admin/experts/:id": { id: one(db, "SELECT id FROM ExpertProfile ORDER BY id LIMIT 1", "1") },
    "/admin/experts/:id/photo": {
      id: one(db, "SELECT id FROM ExpertProfile ORDER BY id LIMIT 1", "1"),
    },
    "/admin/units/:unitId": { unitId: leafUnit },
    "/admin/users/:userId": { userId: staffId },
    "/consult/bookings/:id": { id: one(db, "SELECT id FROM Booking ORDER BY id LIMIT 1", "1") },
    "/consult/bookings/:id/ics": { id: one(db, "SELECT id FROM Booking ORDER BY id LIMIT 1", "1") },
    "/consult/bookings/:id/propose": {
      id: one(db, "SELECT id FROM Booking ORDER BY id LIMIT 1", "1"),
    },
    "/consult/bookings/:id/proposal": {
      id: one(db, "SELECT id FROM Booking ORDER BY id LIMIT 1", "1"),
    },
    "/consult/bookings/:id/meeting": {
      id: one(db, "SELECT id FROM Booking ORDER BY id LIMIT 1", "1"),
    },
    "/consult/experts/:id": {
      id: one(db, "SELECT id FROM ExpertProfile ORDER BY id LIMIT 1", "1"),
    },
    "/consult/experts/:id/photo": {
      id: one(db, "SELECT id FROM ExpertProfile ORDER BY id LIMIT 1", "1"),
    },
    "/consult/files/:fileId": {
      fileId: one(db, "SELECT id FROM BookingFile ORDER BY id LIMIT 1", "1"),
    },
    "/learn/certificates/:no": { no: "FZXT-2026-ABCDEFGH" },
    "/learn/courses/:slug": { slug: course?.slug ?? "x" },
    "/learn/courses/:slug/lessons/:lesson": {
      slug: course?.slug ?? "x",
      lesson: course?.lesson ?? "x",
    },
    "/events/:id": { id: one(db, "SELECT id FROM Event ORDER BY id LIMIT 1", "1") },
    "/events/:id/check-in": { id: one(db, "SELECT id FROM Event ORDER BY id LIMIT 1", "1") },
    "/events/:id/join": {
      id: one(db, "SELECT id FROM Event WHERE meetingUrl IS NOT NULL ORDER BY id LIMIT 1", "1"),
    },
    "/manage/events/:id": { id: one(db, "SELECT id FROM Event ORDER BY id LIMIT 1", "1") },
    "/manage/events/:id/venue": { id: one(db, "SELECT id FROM Event ORDER BY id LIMIT 1", "1") },
    "/manage/events/:id/edit": { id: one(db, "SELECT id FROM Event ORDER BY id LIMIT 1", "1") },
    "/manage/events/:id/report": { id: one(db, "SELECT id FROM Event ORDER BY id LIMIT 1", "1") },
    "/manage/events/:id/import": { id: one(db, "SELECT id FROM Event ORDER BY id LIMIT 1", "1") },
    "/events/:id/materials/:materialId": {
      id: one(db, "SELECT eventId FROM EventMaterial ORDER BY id LIMIT 1", "1"),
      materialId: one(db, "SELECT id FROM EventMaterial ORDER BY id LIMIT 1", "1"),
    },
    "/manage/events/:id/materials/:materialId": {
      id: one(db, "SELECT eventId FROM EventMaterial ORDER BY id LIMIT 1", "1"),
      materialId: one(db, "SELECT id FROM EventMaterial ORDER BY id LIMIT 1", "1"),
    },
    "/learn/exam/:attemptId": { attemptId: "1" },
    "/learn/hours/:year": { year: "2026" },
    "/learn/exam/mock/:mockId": { mockId: "1" },
    "/learn/quiz/:attemptId": { attemptId: "1" },
    "/manage/assignments/:id": { id: "1" },
    "/manage/people/:userId": { userId: staffId },
    "/laws/:lawId": { lawId: "constitution" },
    "/laws/:lawId/:article": { lawId: "constitution", article: "33" },
    "/laws/:lawId/compare": { lawId: "administrative-reconsideration-law" },
    "/policy/:id": { id: one(db, "SELECT id FROM PolicyDoc ORDER BY id LIMIT 1", "1") },
    "/policy/manage/:id": { id: one(db, "SELECT id FROM PolicyDoc ORDER BY id LIMIT 1", "1") },
    "/policy/readings/:id": { id: "1" },
  };
}

export function paramNames(pattern: string): string[] {
  return pattern
    .split("/")
    .filter((s) => s.startsWith(":") || s === "*")
    .map((s) => (s === "*" ? "*" : s.slice(1).replace(/\?$/, "")));
}

/** The URL path with each param replaced (values are percent-encoded unless `raw`). */
export function fillPath(pattern: string, values: Record<string, string>, raw = false): string {
  return pattern
    .split("/")
    .map((s) => {
      const name = s === "*" ? "*" : s.startsWith(":") ? s.slice(1).replace(/\?$/, "") : null;
      if (name === null) return s;
      const v = values[name] ?? "";
      return raw ? v : encodeURIComponent(v);
    })
    .join("/");
}
