import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { env } from "#app/utils/env.server.ts";
import { todayInShanghai } from "./dates.ts";
import { rankOrder } from "./ranks.ts";
import { parseLawFile, type Article, type Block } from "./parse.ts";
import {
  defaultVersionIndex,
  versionValidity,
  type PendingAmendment,
  type Validity,
} from "./status.ts";

export type { Article, Block } from "./parse.ts";

// The statute library: content/laws/*.md (the current texts) and
// content/laws/history/*.md (earlier versions, each naming the file that
// superseded it), plus catalogue.yaml and amendments.yaml (Chinese metadata).
// Parsed once per process; nothing here retypes a statute.

/** content/laws unless LAWS_DIR names another folder (a fixture library in tests). */
export function lawsDir(): string {
  return path.resolve(env().LAWS_DIR);
}

/** One text of a law. `key` (the year of its revision) names it in URLs: ?v=2018. */
export type LawVersion = {
  id: string;
  key: string;
  title: string;
  kind: string;
  revision: string;
  revisionDate: string;
  effective: string;
  /** The day the next loaded version took effect; null for the newest. */
  until: string | null;
  file: string;
  blocks: Block[];
  articles: Map<number, Article>;
  articleLines: string[];
};
/** What getLaw returns: the version in force (kept as `Law` for the citation renderer). */
export type Law = LawVersion;

export type LawEntry = {
  id: string;
  field: string;
  aliases: string[];
  /** Oldest first. */
  versions: LawVersion[];
  amendments: PendingAmendment[];
  repeal: { on: string; notice: string } | null;
};

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const CatalogueSchema = z
  .object({
    fields: z.array(z.string().min(1)).min(1),
    laws: z.record(
      z.string(),
      z.object({ field: z.string(), aliases: z.array(z.string().min(2)) }).strict(),
    ),
  })
  .strict();
const AmendmentsSchema = z
  .object({
    amendments: z.array(
      z
        .object({
          law: z.string(),
          adopted: IsoDate,
          effective: IsoDate,
          notice: z.string().min(10),
        })
        .strict(),
    ),
    repeals: z.array(z.object({ law: z.string(), on: IsoDate, notice: z.string() }).strict()),
  })
  .strict();

type Library = { entries: Map<string, LawEntry>; fields: string[] };

function readVersion(dir: string, id: string, file: string): LawVersion {
  const parsed = parseLawFile(path.relative(dir, file), fs.readFileSync(file, "utf8"));
  return {
    id,
    key: parsed.revisionDate.slice(0, 4),
    title: parsed.meta.title,
    kind: parsed.meta.kind,
    revision: parsed.meta.revision,
    revisionDate: parsed.revisionDate,
    effective: parsed.meta.effective,
    until: parsed.meta.superseded_on ?? null,
    file: path.relative(dir, file),
    blocks: parsed.blocks,
    articles: parsed.articles,
    articleLines: parsed.articleLines,
  };
}

export function loadLibrary(dir = lawsDir()): Library {
  const catalogue = CatalogueSchema.parse(
    parseYaml(fs.readFileSync(path.join(dir, "catalogue.yaml"), "utf8")),
  );
  const changes = AmendmentsSchema.parse(
    parseYaml(fs.readFileSync(path.join(dir, "amendments.yaml"), "utf8")),
  );
  const versions = new Map<string, LawVersion[]>();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "SOURCE.md")) {
    const id = f.slice(0, -3);
    versions.set(id, [readVersion(dir, id, path.join(dir, f))]);
  }
  const historyDir = path.join(dir, "history");
  if (fs.existsSync(historyDir)) {
    for (const f of fs.readdirSync(historyDir).filter((f) => f.endsWith(".md"))) {
      const file = path.join(historyDir, f);
      const { meta } = parseLawFile(f, fs.readFileSync(file, "utf8"));
      const id = meta.superseded_by?.slice(0, -3);
      if (!id || !meta.superseded_on || !versions.has(id))
        throw new Error(`history/${f}: superseded_by must name a current law file`);
      versions.get(id)!.push(readVersion(dir, id, file));
    }
  }
  const entries = new Map<string, LawEntry>();
  for (const [id, list] of [...versions].sort(([a], [b]) => a.localeCompare(b))) {
    list.sort((a, b) => a.effective.localeCompare(b.effective));
    const keys = new Set(list.map((v) => v.key));
    if (keys.size !== list.length) throw new Error(`${id}: two versions revised in one year`);
    const meta = catalogue.laws[id];
    if (!meta) throw new Error(`catalogue.yaml: no entry for ${id}`);
    if (!catalogue.fields.includes(meta.field))
      throw new Error(`catalogue.yaml: ${id} has unknown field ${meta.field}`);
    const repeal = changes.repeals.find((r) => r.law === id);
    entries.set(id, {
      id,
      field: meta.field,
      aliases: meta.aliases,
      versions: list,
      amendments: changes.amendments.filter((a) => a.law === id),
      repeal: repeal ? { on: repeal.on, notice: repeal.notice } : null,
    });
  }
  for (const id of Object.keys(catalogue.laws))
    if (!entries.has(id)) throw new Error(`catalogue.yaml: ${id} has no file`);
  for (const a of [...changes.amendments, ...changes.repeals])
    if (!entries.has(a.law)) throw new Error(`amendments.yaml: unknown law ${a.law}`);
  return { entries, fields: catalogue.fields };
}

let cache: Library | undefined;
function library(): Library {
  cache ??= loadLibrary();
  return cache;
}

export function lawEntries(): Map<string, LawEntry> {
  return library().entries;
}
export function lawFields(): string[] {
  return library().fields;
}
export function getLawEntry(id: string): LawEntry | undefined {
  return library().entries.get(id);
}

/** The version a reader sees by default (see status.ts). */
export function currentVersion(entry: LawEntry, today = todayInShanghai()): LawVersion {
  return entry.versions[
    defaultVersionIndex(
      entry.versions.map((v) => v.effective),
      today,
    )
  ]!;
}

/**
 * `v` names a version: its revision year ("2018") or a date ("2020-05-01": the
 * version in force that day). Empty: the version in force today.
 */
export function findVersion(
  entry: LawEntry,
  v: string | null | undefined,
  today = todayInShanghai(),
): LawVersion | undefined {
  if (!v) return currentVersion(entry, today);
  if (/^\d{4}$/.test(v)) return entry.versions.find((x) => x.key === v);
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const before = entry.versions.filter((x) => x.effective <= v);
    return before.at(-1);
  }
  return undefined;
}

export function validityOf(entry: LawEntry, version: LawVersion, today = todayInShanghai()) {
  return versionValidity(version, today, entry.amendments, entry.repeal?.on ?? null);
}

/** Chinese notices for a version (never the English developer notes of the files). */
export function noticesOf(
  entry: LawEntry,
  version: LawVersion,
  today = todayInShanghai(),
): string[] {
  const out: string[] = [];
  for (const a of entry.amendments)
    if (a.adopted > version.revisionDate && version.until === null) out.push(a.notice);
  if (entry.repeal && entry.repeal.on <= today) out.push(entry.repeal.notice);
  return out;
}

/** The law in force (compatibility with the citation renderer and older callers). */
export function getLaw(id: string): Law | undefined {
  const entry = getLawEntry(id);
  return entry ? currentVersion(entry) : undefined;
}

/** Every law's in-force version, by id. */
export function laws(): Map<string, Law> {
  return new Map([...lawEntries()].map(([id, e]) => [id, currentVersion(e)]));
}

export function getArticle(
  lawId: string,
  number: number,
  v?: string | null,
): { law: LawVersion; article: Article } | undefined {
  const entry = getLawEntry(lawId);
  const law = entry && findVersion(entry, v);
  const article = law?.articles.get(number);
  return law && article ? { law, article } : undefined;
}

/** Short name for citations: 中华人民共和国数据安全法 → 《数据安全法》. */
export function shortTitle(law: { title: string }): string {
  return `《${plainTitle(law.title)}》`;
}
export function plainTitle(title: string): string {
  return title.replace(/^中华人民共和国/, "").replace(/（.*?）|\(.*?\)/g, "");
}

export function articleUrl(lawId: string, number: number, v?: string): string {
  return `/laws/${lawId}/${number}${v ? `?v=${v}` : ""}`;
}

/** Everyone but the AUDITOR (who reads the audit log and nothing else). */
export const LAW_READER_ROLES = ["STAFF", "MANAGER", "EXPERT", "ENTERPRISE", "ADMIN"] as const;

export type LawSummary = {
  id: string;
  title: string;
  kind: string;
  field: string;
  revision: string;
  revisionDate: string;
  effective: string;
  articles: number;
  validity: Validity;
  versions: number;
};

export function lawSummaries(today = todayInShanghai()): LawSummary[] {
  return [...lawEntries().values()].map((e) => {
    const v = currentVersion(e, today);
    return {
      id: e.id,
      title: v.title,
      kind: v.kind,
      field: e.field,
      revision: v.revision,
      revisionDate: v.revisionDate,
      effective: v.effective,
      articles: v.articles.size,
      validity: validityOf(e, v, today),
      versions: e.versions.length,
    };
  });
}

export type CatalogueGroup = {
  rank: string;
  count: number;
  fields: { field: string; count: number; laws: LawSummary[] }[];
};

/** Laws grouped by rank (宪法, 法律, 行政法规, others) and, within a rank, by field. */
export function lawCatalogue(today = todayInShanghai()): CatalogueGroup[] {
  const fields = lawFields();
  const groups = new Map<string, LawSummary[]>();
  const summaries = lawSummaries(today).sort(
    (a, b) =>
      rankOrder(a.kind) - rankOrder(b.kind) ||
      fields.indexOf(a.field) - fields.indexOf(b.field) ||
      a.effective.localeCompare(b.effective),
  );
  for (const s of summaries) {
    const rank = rankOrder(s.kind) < 3 ? s.kind : "其他";
    groups.set(rank, [...(groups.get(rank) ?? []), s]);
  }
  return [...groups].map(([rank, list]) => ({
    rank,
    count: list.length,
    fields: fields
      .map((field) => {
        const laws = list.filter((l) => l.field === field);
        return { field, count: laws.length, laws };
      })
      .filter((f) => f.count > 0),
  }));
}
