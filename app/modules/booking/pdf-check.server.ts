import zlib from "node:zlib";

// A PDF may carry active content that a reader runs or opens: scripts, launch actions and
// embedded files. We look for the PDF names that introduce them in the file's dictionaries,
// including those compressed in object streams. Names may be written with #xx escapes (/J#61vaScript); they are decoded before comparing.

export const PDF_LIMITS = {
  maxStreams: 2000,
  maxInflatedPerStream: 8 * 1024 * 1024,
  maxInflatedTotal: 64 * 1024 * 1024,
};

const ACTIVE: Record<string, string> = {
  JavaScript: "JavaScript 脚本",
  JS: "JavaScript 脚本",
  Launch: "启动外部程序的动作（Launch）",
  EmbeddedFile: "嵌入的附件（EmbeddedFile）",
  EmbeddedFiles: "嵌入的附件（EmbeddedFile）",
};

/** Every PDF name token in the text, #xx escapes decoded. */
function names(text: string): Set<string> {
  const found = new Set<string>();
  for (const m of text.matchAll(/\/([^\s/[\]<>(){}%]{1,127})/g)) {
    const raw = m[1]!;
    found.add(
      raw.includes("#")
        ? raw.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
        : raw,
    );
  }
  return found;
}

type Stream = { dict: string; start: number; end: number };

/**
 * Splits the file into the text outside stream data (where dictionaries live) and its streams,
 * each with the dictionary in front of it; at most PDF_LIMITS.maxStreams streams are listed.
 */
function split(text: string): { outside: string; streams: Stream[] } {
  const streams: Stream[] = [];
  const outside: string[] = [];
  let from = 0;
  let pos = text.indexOf("stream", 0);
  while (pos >= 0 && streams.length < PDF_LIMITS.maxStreams) {
    let start = pos + 6;
    if (text[start] === "\r") start++;
    const before = text.slice(Math.max(from, pos - 4096), pos);
    if (text.startsWith("end", pos - 3) || text[start] !== "\n" || !/>>\s*$/.test(before)) {
      pos = text.indexOf("stream", pos + 6);
      continue;
    }
    start++;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    const objAt = before.lastIndexOf("obj");
    streams.push({ dict: before.slice(objAt < 0 ? 0 : objAt), start, end });
    outside.push(text.slice(from, start));
    from = end;
    pos = text.indexOf("stream", end + 9);
  }
  outside.push(text.slice(from));
  return { outside: outside.join("\n"), streams };
}

/**
 * Why a PDF is refused (the active content found, in Chinese), or null. Every key that
 * introduces active content sits in a dictionary: in the file's text outside stream data, or
 * compressed inside an object stream (/Type /ObjStm), which is inflated within a bound. An object
 * stream that cannot be inflated within the bound is refused too: it could hide anything.
 */
const UNCHECKABLE =
  "PDF 含有无法检查的压缩对象（已损坏、编码不支持或解压后过大），已拒绝。请另存或“打印为 PDF”后再上传";

export function pdfActiveContent(bytes: Buffer): string | null {
  const { outside, streams } = split(bytes.toString("latin1"));
  const seen = names(outside);
  let budget = PDF_LIMITS.maxInflatedTotal;
  for (const s of streams) {
    const dictNames = names(s.dict);
    if (!dictNames.has("ObjStm")) continue;
    if (!dictNames.has("FlateDecode")) return UNCHECKABLE;
    let inflated: Buffer;
    try {
      inflated = zlib.inflateSync(bytes.subarray(s.start, s.end), {
        maxOutputLength: Math.min(PDF_LIMITS.maxInflatedPerStream, budget),
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
      });
    } catch {
      return UNCHECKABLE;
    }
    budget -= inflated.length;
    for (const n of names(inflated.toString("latin1"))) seen.add(n);
    if (budget <= 0) return UNCHECKABLE;
  }
  const found = Object.keys(ACTIVE).filter((n) => seen.has(n));
  if (found.length === 0) return null;
  const what = [...new Set(found.map((n) => ACTIVE[n]!))];
  if (seen.has("OpenAction") && (seen.has("JavaScript") || seen.has("JS")))
    what.unshift("打开文档时自动运行的脚本（OpenAction）");
  return `PDF 含有不允许的活动内容：${what.join("、")}，已拒绝。请删除这些内容（或“打印为 PDF”）后再上传`;
}
