import { db, write } from "#app/data/db.server.ts";
import { audit } from "#app/data/audit.server.ts";
import { chineseDate } from "#app/modules/laws/dates.ts";
import { plainTitle } from "#app/modules/laws/library.server.ts";

// 新法速递 (decision 0023): when content sync loads a newer version of a law than the one last
// seen, a draft entry is created for the 政策法规科 to complete, linked to the 新旧对照 view.
// The first sight of a law only records its newest version (a fresh install gets no drafts);
// the unique (expressLawId, expressVersion) index keeps it to one entry per version.

export type LawVersions = {
  id: string;
  versions: { key: string; title: string; revision: string; effective: string }[];
};

export async function recordLawVersions(
  entries: Iterable<LawVersions>,
  now = new Date(),
): Promise<{ created: number }> {
  const seen = new Map(
    (await db().selectFrom("PolicyLawBaseline").selectAll().execute()).map((b) => [b.lawId, b]),
  );
  const changes: { law: LawVersions; from: string | null }[] = [];
  for (const law of entries) {
    const newest = law.versions.at(-1);
    if (!newest) continue;
    const before = seen.get(law.id);
    if (before && before.effective >= newest.effective) continue;
    changes.push({ law, from: before?.versionKey ?? null });
  }
  if (changes.length === 0) return { created: 0 };
  return write(async (tx) => {
    let created = 0;
    for (const { law, from } of changes) {
      const newest = law.versions.at(-1)!;
      await tx
        .insertInto("PolicyLawBaseline")
        .values({
          lawId: law.id,
          versionKey: newest.key,
          effective: newest.effective,
          updatedAt: now,
        })
        .onConflict((oc) =>
          oc
            .column("lawId")
            .doUpdateSet({ versionKey: newest.key, effective: newest.effective, updatedAt: now }),
        )
        .execute();
      if (from === null) continue;
      const title = `新法速递：《${plainTitle(newest.title)}》（${newest.revision}）`;
      const compare = `/laws/${law.id}/compare?from=${from}&to=${newest.key}`;
      const r = await tx
        .insertInto("PolicyDoc")
        .values({
          kind: "EXPRESS",
          stage: "DRAFT",
          authorId: null,
          title: title.slice(0, 100),
          lawId: law.id,
          articles: "",
          body: [
            `《${plainTitle(newest.title)}》${newest.revision}，自${chineseDate(newest.effective)}起施行。`,
            "",
            `修改了哪些条文，见[新旧对照](${compare})。`,
            "",
            "（请政策法规科补充解读：主要变化、对本单位和企业的影响、施行后的注意事项。）",
          ].join("\n"),
          expressLawId: law.id,
          expressVersion: newest.key,
          expressFrom: from,
          createdAt: now,
          updatedAt: now,
        })
        .onConflict((oc) => oc.columns(["expressLawId", "expressVersion"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (!r) continue;
      created++;
      await audit(tx, {
        action: "POLICY_EXPRESS",
        objectType: "policyDoc",
        objectId: r.id,
        result: "SUCCESS",
        detail: { law: law.id, from, to: newest.key },
      });
    }
    return { created };
  });
}
