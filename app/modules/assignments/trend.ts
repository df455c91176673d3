// The overview's weekly trend (cumulative completion rate by week). The loader sends the weeks
// and their completions as two columns, and the page makes the points the chart and its data
// table show (about 6,000 characters of loader data less for two years of weeks: each label
// and rate was written out, stringified, parsed and escaped on every request; decision 0014).

/** The weeks as %Y-%W ("2026-07", Monday first) and the people who completed in each. */
export type TrendColumns = { weeks: string[]; completed: number[] };
export type TrendPoint = { label: string; value: number; completed: number };

export function packTrend(weeks: { week: string; completed: number }[]): TrendColumns {
  return { weeks: weeks.map((w) => w.week), completed: weeks.map((w) => w.completed) };
}

/** Each week's cumulative completions and their rate of @assigned (one decimal). */
export function trendPoints(t: TrendColumns, assigned: number): TrendPoint[] {
  let cumulative = 0;
  return t.weeks.map((week, i) => {
    cumulative += t.completed[i]!;
    // Weeks are %Y-%W (week 00 holds the days before the year's first Monday) and a year's
    // assignments are often worked on in the previous year too: name the year.
    return {
      label: `${week.slice(0, 4)}年第${week.slice(5)}周`,
      value: assigned ? Math.round((1000 * cumulative) / assigned) / 10 : 0,
      completed: cumulative,
    };
  });
}
