import MiniSearch from "minisearch";
import {
  articleUrl,
  currentVersion,
  lawEntries,
  plainTitle,
  shortTitle,
} from "./library.server.ts";
import { articleLabel } from "./numerals.ts";
import { parseLawQuery, type LawName } from "./query.ts";
import { RANK_FILTERS, rankOrder, type RankFilter } from "./ranks.ts";

// Article-aware search over the statute library. The library is files, so the
// full-text index lives in memory (MiniSearch), built once per process on the
// first search: it behaves the same whether the database is SQLite or
// PostgreSQL, and needs no table, trigger or tokenizer extension in either.
// Chinese has no spaces: the index holds every pair of adjacent characters; a
// query word becomes its pairs (all required), and the candidates are then
// checked for the exact words, so hits are never fuzzy. One-character words
// are only checked that way (a scan of ~3,000 articles takes about a millisecond).

export const PAGE_SIZE = 20;

type Doc = {
  id: number;
  lawId: string;
  number: number;
  text: string;
  /** Lower-cased text, for the exact check. */
  lower: string;
  rank: RankFilter;
  /** Position in the catalogue order (rank, then law), for 第N条 lists. */
  order: number;
};

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * Index and query tokens: the character pairs of CJK runs (a lone character
 * stands for itself) and the lower-cased words of anything else.
 */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-zA-Z0-9]+/g) ?? []) {
    if (!CJK.test(run) || run.length === 1) out.push(run.toLowerCase());
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

type Index = { mini: MiniSearch<Doc>; docs: Doc[]; names: LawName[] };
let index: Index | undefined;

function rankOf(kind: string): RankFilter {
  return RANK_FILTERS[rankOrder(kind)]!;
}

/** The documents and an empty index; `fill` adds them (at once, or in slices at start). */
function prepareIndex(): Index {
  const docs: Doc[] = [];
  const names: LawName[] = [];
  const entries = [...lawEntries().values()];
  for (const [lawIndex, entry] of entries.entries()) {
    const law = currentVersion(entry);
    const text = (a: { paragraphs: string[] }) => a.paragraphs.join("\n");
    for (const name of new Set([law.title, plainTitle(law.title), ...entry.aliases]))
      names.push({ lawId: entry.id, name });
    for (const a of law.articles.values())
      docs.push({
        id: docs.length,
        lawId: entry.id,
        number: a.number,
        text: text(a),
        lower: text(a).toLowerCase(),
        rank: rankOf(law.kind),
        order: rankOrder(law.kind) * 1000 + lawIndex,
      });
  }
  const mini = new MiniSearch<Doc>({
    fields: ["text"],
    tokenize: tokens,
    processTerm: (t) => t,
    searchOptions: { tokenize: tokens, processTerm: (t) => t, combineWith: "AND" },
  });
  return { mini, docs, names };
}

/** Builds the index now if it is not built yet (tests and the bench time it). */
export function searchIndex(): Index {
  if (!index) {
    const built = prepareIndex();
    built.mini.addAll(built.docs);
    index = built;
  }
  return index;
}

/** Articles added per slice when the index is built at start. */
const START_SLICE = 100;

// In production the index is built right after the server loads the app, not by the first
// reader's search: about a second of CPU, so it is added in slices with the event loop free
// between them (a newly started instance keeps answering pages meanwhile). A search that comes
// before it is done builds its own index at once, as without this.
if (process.env.NODE_ENV === "production")
  setTimeout(() => {
    const built = prepareIndex();
    void built.mini
      .addAllAsync(built.docs, { chunkSize: START_SLICE })
      .then(() => void (index ??= built));
  }, 0).unref();

export type Segment = { text: string; hit: boolean };

/** Splits text into plain and matched parts (rendered as text, so nothing is HTML). */
export function highlight(text: string, words: string[]): Segment[] {
  const needles = words.filter(Boolean).map((w) => w.toLowerCase());
  if (needles.length === 0) return [{ text, hit: false }];
  const lower = text.toLowerCase();
  const marks = new Array<boolean>(text.length).fill(false);
  for (const n of needles)
    for (let i = lower.indexOf(n); i !== -1; i = lower.indexOf(n, i + 1))
      marks.fill(true, i, i + n.length);
  const out: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = out.at(-1);
    if (last && last.hit === marks[i]) last.text += text[i];
    else out.push({ text: text[i]!, hit: marks[i]! });
  }
  return out;
}

export type SearchHit = {
  lawId: string;
  lawTitle: string;
  number: number;
  label: string;
  url: string;
  segments: Segment[];
};
export type SearchInput = { q: string; law?: string; rank?: RankFilter; page?: number };
export type SearchOutcome =
  | { type: "redirect"; to: string }
  | {
      type: "results";
      mode: "empty" | "number" | "words";
      message: string | null;
      laws: { id: string; title: string }[];
      hits: SearchHit[];
      total: number;
      page: number;
      pageCount: number;
    };

function hitOf(doc: Doc, words: string[]): SearchHit {
  const law = currentVersion(lawEntries().get(doc.lawId)!);
  return {
    lawId: doc.lawId,
    lawTitle: law.title,
    number: doc.number,
    label: articleLabel(doc.number),
    url: articleUrl(doc.lawId, doc.number),
    segments: highlight(doc.text, words),
  };
}

export function searchLibrary(input: SearchInput): SearchOutcome {
  const { mini, docs, names } = searchIndex();
  const parsed = parseLawQuery(input.q, names);
  const entries = lawEntries();
  const keep = (d: Doc) =>
    (!input.law || d.lawId === input.law) && (!input.rank || d.rank === input.rank);
  const page = Math.max(1, input.page ?? 1);
  const result = (
    mode: "empty" | "number" | "words",
    found: Doc[],
    words: string[],
    laws: { id: string; title: string }[] = [],
    message: string | null = null,
  ): SearchOutcome => {
    const pageCount = Math.max(1, Math.ceil(found.length / PAGE_SIZE));
    const slice = found.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    return {
      type: "results",
      mode,
      message,
      laws,
      hits: slice.map((d) => hitOf(d, words)),
      total: found.length,
      page,
      pageCount,
    };
  };
  if (parsed.type === "empty") return result("empty", [], []);
  if (parsed.type === "article") {
    const law = currentVersion(entries.get(parsed.lawId)!);
    if (law.articles.has(parsed.number))
      return { type: "redirect", to: articleUrl(parsed.lawId, parsed.number) };
    return result(
      "empty",
      [],
      [],
      [{ id: law.id, title: law.title }],
      `${shortTitle(law)}没有${articleLabel(parsed.number)}（共 ${law.articles.size} 条）。`,
    );
  }
  if (parsed.type === "number") {
    const found = docs
      .filter((d) => d.number === parsed.number && keep(d))
      .sort((a, b) => a.order - b.order);
    return result("number", found, []);
  }
  const words = parsed.type === "law" ? [input.q.trim().replace(/[《》]/g, "")] : parsed.words;
  const lawHits = [...entries.values()]
    .map((e) => currentVersion(e))
    .filter(
      (l) =>
        words.every((w) => l.title.includes(w)) || (parsed.type === "law" && l.id === parsed.lawId),
    )
    .map((l) => ({ id: l.id, title: l.title }));
  const lowered = words.map((w) => w.toLowerCase());
  // One-character words are not in the index (see above): they only filter.
  const indexed = lowered.filter((w) => [...w].length > 1 || !CJK.test(w));
  const candidates =
    indexed.length > 0 ? mini.search(indexed.join(" ")).map((r) => docs[r.id as number]!) : docs;
  const found = candidates.filter((d) => keep(d) && lowered.every((w) => d.lower.includes(w)));
  return result("words", found, words, lawHits);
}
