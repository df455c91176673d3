import { useDelegatedLinks } from "#app/components/delegated-links.tsx";
import { dayName, monthName, type MonthView } from "#app/modules/booking/calendar.ts";

const HEAD = ["一", "二", "三", "四", "五", "六", "日"];
const HEAD_FULL = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];
// "HH:MM" in Beijing time.
const hhmm = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
const DAY_LINK =
  "flex min-h-11 flex-col items-center justify-center rounded border font-semibold no-underline";
const FREE_DAY = `${DAY_LINK} border-brand-600 bg-brand-50 text-brand-800 hover:underline`;
const CHOSEN_DAY = `${DAY_LINK} border-brand-700 bg-brand-600 text-white`;

/**
 * Date, then time: a month table whose days with free slots are links (?month=&day=, so it
 * works without JavaScript), then the chosen day's slots as large links. Days without a free
 * slot are plain text announced as 无空闲 and not focusable. Fits a 360 px screen. The links are
 * plain `<a href>` with one click handler (useDelegatedLinks): up to 60 of them per page.
 */
export function MonthCalendar({
  view,
  hrefFor,
  slotHref,
  slotMinutes,
}: {
  view: MonthView;
  /** The page's URL with this month and day (day may be empty). */
  hrefFor: (month: string, day?: string) => string;
  slotHref: (slot: number) => string;
  slotMinutes: number;
}) {
  const chosen = view.selected?.day ?? view.emptyDay;
  const onClick = useDelegatedLinks();
  return (
    // The handler only takes over clicks on the links inside, which keep their own keyboard use.
    <div className="space-y-4" onClick={onClick}>
      <nav className="flex items-center justify-between gap-2" aria-label="切换月份">
        {view.prev ? (
          <a
            className="rounded border border-stone-400 px-3 py-2"
            data-discover="true"
            href={hrefFor(view.prev)}
          >
            ‹ 上个月
          </a>
        ) : (
          <span />
        )}
        <h2 className="text-lg font-semibold" id="calendar-month">
          {monthName(view.month)}
        </h2>
        {view.next ? (
          <a
            className="rounded border border-stone-400 px-3 py-2"
            data-discover="true"
            href={hrefFor(view.next)}
          >
            下个月 ›
          </a>
        ) : (
          <span />
        )}
      </nav>
      {view.freeDays === 0 ? (
        <p className="rounded border border-dashed border-stone-400 p-3 text-center" role="status">
          {monthName(view.month)}没有空闲时段。
          {view.nextWithSlots ? (
            <>
              {" "}
              <a data-discover="true" href={hrefFor(view.nextWithSlots)}>
                查看{monthName(view.nextWithSlots)}
              </a>
            </>
          ) : (
            " 近期没有可预约的时段，请稍后再来或换一位专家。"
          )}
        </p>
      ) : null}
      <table
        className="w-full table-fixed border-collapse text-center"
        aria-labelledby="calendar-month"
      >
        <thead>
          <tr>
            {HEAD.map((h, i) => (
              <th key={h} scope="col" abbr={HEAD_FULL[i]} className="py-1 text-sm text-stone-600">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.weeks.map((week, w) => (
            <tr key={w}>
              {week.map((cell, i) =>
                !cell ? (
                  <td key={i} />
                ) : (
                  <td key={cell.day} className="p-0.5">
                    {cell.free > 0 ? (
                      // The link's name is the label (the visible date and count are not read,
                      // as before); each text is one string, no separators between parts.
                      <a
                        aria-current={cell.day === chosen ? "date" : undefined}
                        aria-label={`${dayName(cell.day)}，${cell.free} 个空闲时段`}
                        className={cell.day === chosen ? CHOSEN_DAY : FREE_DAY}
                        data-discover="true"
                        href={hrefFor(view.month, cell.day)}
                      >
                        {cell.date}
                        <span className="text-[10px] font-normal leading-none">{`${cell.free}个`}</span>
                      </a>
                    ) : (
                      <span className="flex min-h-11 items-center justify-center text-stone-500">
                        <span aria-hidden="true">{cell.date}</span>
                        <span className="sr-only">{`${dayName(cell.day)}，无空闲`}</span>
                      </span>
                    )}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="day-slots" aria-live="polite" className="space-y-2">
        <h3 id="day-slots" className="font-semibold">
          {view.selected
            ? `${dayName(view.selected.day)} 的空闲时段（北京时间，每次 ${slotMinutes} 分钟）`
            : view.emptyDay
              ? `${dayName(view.emptyDay)} 没有空闲时段，请选择其他日期`
              : "请先在日历中选择日期"}
        </h3>
        {view.selected ? (
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4 md:grid-cols-6">
            {view.selected.slots.map((s) => (
              <li key={s}>
                <a
                  className="flex min-h-12 items-center justify-center rounded border border-brand-600 bg-white text-lg font-semibold no-underline hover:bg-brand-50"
                  aria-label={`${dayName(view.selected!.day)} ${hhmm(s)}`}
                  data-discover="true"
                  href={slotHref(s)}
                >
                  {hhmm(s)}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
