import { Form, Link } from "@remix-run/react";
import { STATUS_LABELS } from "./rollup-table.tsx";
import { formatDateTime } from "#app/utils/dates.ts";
import { Button } from "./ui/button.tsx";
import { Pager } from "./ui/pager.tsx";

type People = {
  total: number;
  rows: {
    userId: number;
    username: string;
    name: string;
    unitName: string;
    courses: number;
    done: number;
    status: string;
  }[];
};

/**
 * The people of the unit itself with their status, filterable by status, each linking to his
 * record. @keep: other query parameters of the page (e.g. the unit table's order) the filter keeps.
 */
export function PersonTable({
  people,
  filter,
  unitId,
  pageSize,
  keep = {},
  remind,
}: {
  people: People;
  filter: { status: string; page: number };
  unitId: number;
  pageSize: number;
  keep?: Record<string, string>;
  /** On an assignment's page: each person's last reminder (by user id) and a 提醒 button. */
  remind?: { last: Record<string, string>; enabled: boolean };
}) {
  return (
    <section
      aria-labelledby="people-title"
      className="rounded-lg border border-stone-300 bg-white p-4"
    >
      <h2 id="people-title" className="mb-2 text-lg font-semibold">
        本单位人员（不含下级单位）
      </h2>
      <Form method="get" className="mb-3 flex flex-wrap items-end gap-2">
        <input type="hidden" name="unit" value={unitId} />
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <div>
          <label htmlFor="status" className="block text-sm font-medium">
            状态
          </label>
          <select
            id="status"
            name="status"
            defaultValue={filter.status}
            className="rounded border border-stone-400 bg-white px-2 py-1"
          >
            <option value="">全部</option>
            {Object.entries(STATUS_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          筛选
        </Button>
      </Form>
      {people.rows.length === 0 ? (
        <p className="text-stone-700">本单位没有符合条件的人员。</p>
      ) : (
        <table className="cards-sm w-full text-left text-sm">
          <caption className="sr-only">人员完成情况</caption>
          <thead>
            <tr className="border-b">
              <th scope="col" className="p-1">
                工号
              </th>
              <th scope="col" className="p-1">
                姓名
              </th>
              <th scope="col" className="p-1">
                课程完成
              </th>
              <th scope="col" className="p-1">
                状态
              </th>
              {remind ? (
                <th scope="col" className="p-1">
                  上次提醒
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {people.rows.map((p) => (
              <tr key={p.userId} className="border-b border-stone-200">
                <td className="p-1" data-label="工号">
                  <Link to={`/manage/people/${p.userId}`}>{p.username}</Link>
                </td>
                <td className="p-1" data-label="姓名">
                  {p.name}
                </td>
                <td className="p-1" data-label="课程完成">
                  {p.done} / {p.courses}
                </td>
                <td className="p-1" data-label="状态" data-status="">
                  {STATUS_LABELS[p.status] ?? p.status}
                </td>
                {remind ? (
                  <td className="p-1" data-label="上次提醒">
                    <span className="mr-2">
                      {remind.last[p.userId] ? formatDateTime(remind.last[p.userId]!) : "未提醒"}
                    </span>
                    {remind.enabled && p.status !== "completed" ? (
                      <Form method="post" className="inline">
                        <input type="hidden" name="userId" value={p.userId} />
                        <Button
                          type="submit"
                          name="intent"
                          value="remind-one"
                          variant="secondary"
                          aria-label={`提醒${p.name}`}
                        >
                          提醒
                        </Button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        page={filter.page}
        pages={Math.max(1, Math.ceil(people.total / pageSize))}
        total={people.total}
      />
    </section>
  );
}
