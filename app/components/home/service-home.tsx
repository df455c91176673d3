import type { SerializeFrom } from "@remix-run/node";
import type { enterpriseHome, expertHome } from "#app/modules/home/consult.server.ts";
import { stateLabel, typeLabel, MODE_LABELS } from "#app/modules/booking/state.ts";
import { formatDateTime } from "#app/utils/dates.ts";
import { CountLink, EmptyNote, HomeCard, TodoItem } from "./parts.tsx";

type EnterpriseData = SerializeFrom<NonNullable<Awaited<ReturnType<typeof enterpriseHome>>>>;
type ExpertData = SerializeFrom<NonNullable<Awaited<ReturnType<typeof expertHome>>>>;

const when = (start: string, end: string) =>
  `${formatDateTime(start).slice(0, 16)}–${formatDateTime(end).slice(11, 16)}`;
const kind = (type: string, mode: string | null) =>
  mode ? `${typeLabel(type)}（${MODE_LABELS[mode] ?? mode}）` : typeLabel(type);

/** The enterprise's to-do list: its bookings by status, the next appointment, 预约专家. */
export function EnterpriseHomeView({ data }: { data: EnterpriseData }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <HomeCard id="next" title="下一次预约">
        {data.pending ? (
          <p className="mb-3 rounded border border-amber-400 bg-amber-50 p-2">
            企业账号正在等待管理员审核，审核通过后即可预约专家。
          </p>
        ) : null}
        {data.next ? (
          <ul>
            <TodoItem
              to={`/consult/bookings/${data.next.id}`}
              status={stateLabel("CONFIRMED")}
              tone="ok"
              detail={`${when(data.next.startAt, data.next.endAt)} · ${data.next.expert}`}
            >
              {kind(data.next.type, data.next.mode)}：{data.next.topic}
            </TodoItem>
          </ul>
        ) : (
          <EmptyNote>暂无已确认的预约。</EmptyNote>
        )}
        <p className="mt-4">
          <a
            className="tap-target inline-flex items-center rounded border border-brand-700 bg-brand-600 px-4 py-2 font-medium text-white no-underline hover:bg-brand-700 hover:text-white"
            data-discover="true"
            href="/consult/new"
          >
            预约专家
          </a>
        </p>
      </HomeCard>
      <HomeCard id="bookings" title="我的预约" action={{ to: "/consult", label: "查看全部预约" }}>
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {data.byStatus.map((s) => (
            <li key={s.status}>
              <CountLink
                to="/consult"
                count={s.count}
                label={stateLabel(s.status)}
                warn={s.status === "REQUESTED"}
              />
            </li>
          ))}
        </ul>
      </HomeCard>
      <HomeCard id="policy" title="最新政策解读" action={{ to: "/policy", label: "全部政策解读" }}>
        {data.policies.length === 0 ? (
          <EmptyNote>暂无面向企业的政策解读。</EmptyNote>
        ) : (
          <ul className="space-y-2">
            {data.policies.map((p) => (
              <li key={p.id}>
                <a
                  className="tap-target inline-flex items-center"
                  data-discover="true"
                  href={`/policy/${p.id}`}
                >
                  {p.title}
                </a>
                <span className="ml-2 text-sm text-stone-600">
                  {formatDateTime(p.publishedAt).slice(0, 10)}
                </span>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-3">
          <a
            className="tap-target inline-flex items-center"
            data-discover="true"
            href="/policy/subscriptions"
          >
            订阅行业政策
          </a>
        </p>
      </HomeCard>
    </div>
  );
}

/** The expert's to-do list: requests to confirm, opinions to write, today's schedule. */
export function ExpertHomeView({ data }: { data: ExpertData }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <HomeCard id="todo" title="待办" action={{ to: "/expert", label: "专家工作台" }}>
        <div className="grid grid-cols-2 gap-3">
          <CountLink to="/expert" count={data.toConfirm} label="待确认的预约" warn />
          <CountLink to="/expert" count={data.toComplete} label="待出具意见" warn />
        </div>
      </HomeCard>
      <HomeCard
        id="today"
        title="今日日程"
        action={{ to: "/expert/availability", label: "可预约时间" }}
      >
        {data.today.length === 0 ? (
          <EmptyNote>今天没有已确认的预约。</EmptyNote>
        ) : (
          <ul className="divide-y divide-stone-200">
            {data.today.map((b) => (
              <TodoItem
                key={b.id}
                to={`/consult/bookings/${b.id}`}
                status={`${formatDateTime(b.startAt).slice(11, 16)}–${formatDateTime(b.endAt).slice(11, 16)}`}
                detail={`${b.enterprise} · ${kind(b.type, b.mode)}`}
              >
                {b.topic}
              </TodoItem>
            ))}
          </ul>
        )}
      </HomeCard>
    </div>
  );
}
