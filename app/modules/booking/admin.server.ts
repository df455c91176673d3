import { streamRead } from "#app/data/db.server.ts";
import { stmt } from "#app/utils/db.server.ts";
import { shanghaiDayStart } from "#app/utils/dates.ts";
import type { AdminBookingFilter } from "./schemas.ts";

export const ADMIN_PAGE_SIZE = 50;

function whereOf(f: AdminBookingFilter): { sql: string; args: (string | number)[] } {
  const parts: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    parts.push(sql);
    args.push(...values);
  };
  if (f.status) add("b.status = ?", f.status);
  if (f.type) add("b.type = ?", f.type);
  if (f.expert !== "") add("b.expertId = ?", f.expert);
  if (f.from) add("b.startAt >= ?", shanghaiDayStart(f.from).getTime());
  if (f.to) add("b.startAt < ?", shanghaiDayStart(f.to).getTime() + 86_400_000);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, "\\$&")}%`;
    add(
      "(e.name LIKE ? ESCAPE '\\' OR e.uscc LIKE ? ESCAPE '\\' OR b.topic LIKE ? ESCAPE '\\')",
      like,
      like,
      like,
    );
  }
  return { sql: parts.length ? `WHERE ${parts.join(" AND ")}` : "", args };
}

export type AdminBookingRow = {
  id: number;
  type: string;
  status: string;
  startAt: number;
  endAt: number;
  topic: string;
  enterprise: string;
  uscc: string;
  expert: string;
  ratingScore: number | null;
  createdAt: number;
  files: number;
};

const SELECT = `SELECT b.id, b.type, b.status, b.startAt, b.endAt, b.topic, e.name AS enterprise, e.uscc, u.name AS expert, b.ratingScore, b.createdAt,
  (SELECT COUNT(*) FROM BookingFile f WHERE f.bookingId = b.id AND f.purgedAt IS NULL) AS files
  FROM Booking b JOIN Enterprise e ON e.id = b.enterpriseId JOIN ExpertProfile p ON p.id = b.expertId JOIN User u ON u.id = p.userId`;

export function adminBookings(f: AdminBookingFilter) {
  const w = whereOf(f);
  const total = (
    stmt(
      `SELECT COUNT(*) AS n FROM Booking b JOIN Enterprise e ON e.id = b.enterpriseId ${w.sql}`,
    ).get(...w.args) as { n: number }
  ).n;
  const rows = stmt(`${SELECT} ${w.sql} ORDER BY b.startAt DESC, b.id DESC LIMIT ? OFFSET ?`).all(
    ...w.args,
    ADMIN_PAGE_SIZE,
    (f.page - 1) * ADMIN_PAGE_SIZE,
  ) as AdminBookingRow[];
  return { total, rows, pages: Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE)) };
}

/** Every matching booking, row by row, for the CSV export: on a connection of its own. */
export function adminBookingRows(
  f: AdminBookingFilter,
): AsyncGenerator<Omit<AdminBookingRow, "startAt" | "endAt" | "createdAt"> & BookingTimes> {
  const w = whereOf(f);
  return streamRead(() => ({
    sql: `${SELECT} ${w.sql} ORDER BY b.startAt DESC, b.id DESC`,
    parameters: w.args,
  }));
}
type BookingTimes = { startAt: Date; endAt: Date; createdAt: Date };

export function expertOptions() {
  return stmt(
    "SELECT p.id, u.name FROM ExpertProfile p JOIN User u ON u.id = p.userId ORDER BY p.id",
  ).all() as { id: number; name: string }[];
}
