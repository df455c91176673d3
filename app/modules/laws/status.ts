// 效力: the validity of one version of a law on a given day. Pure, so the rules
// are tested with any "today".

export const VALIDITY = ["现行有效", "已被修改", "尚未生效", "已废止"] as const;
export type Validity = (typeof VALIDITY)[number];

export type VersionDates = {
  /** The day the revision in this text was adopted (修正/修订/通过/公布). */
  revisionDate: string;
  /** The day this text took effect. */
  effective: string;
  /** The day a newer loaded version took effect (null for the newest). */
  until: string | null;
};
/** An amendment recorded in amendments.yaml whose text is not loaded. */
export type PendingAmendment = { adopted: string; effective: string; notice: string };

export function versionValidity(
  v: VersionDates,
  today: string,
  amendments: PendingAmendment[] = [],
  repealedOn: string | null = null,
): Validity {
  if (v.effective > today) return "尚未生效";
  if (v.until !== null && v.until <= today) return "已被修改";
  if (amendments.some((a) => a.adopted > v.revisionDate && a.effective <= today)) return "已被修改";
  if (repealedOn !== null && repealedOn <= today) return "已废止";
  return "现行有效";
}

/**
 * The version a reader gets when no version is named: the newest that has taken
 * effect, or the oldest when none has yet.
 */
export function defaultVersionIndex(effectiveDates: string[], today: string): number {
  let best = 0;
  effectiveDates.forEach((d, i) => {
    if (d <= today && d >= effectiveDates[best]!) best = i;
  });
  return best;
}
