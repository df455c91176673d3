// 效力位阶: the order laws are listed and filtered in.
export const RANKS = ["宪法", "法律", "行政法规"] as const;
export const RANK_FILTERS = [...RANKS, "其他"] as const;
export type RankFilter = (typeof RANK_FILTERS)[number];

/** 宪法, 法律, 行政法规, then any other kind. */
export function rankOrder(kind: string): number {
  const i = (RANKS as readonly string[]).indexOf(kind);
  return i === -1 ? RANKS.length : i;
}
