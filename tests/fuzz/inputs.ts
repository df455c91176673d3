// Malformed inputs for the fuzz suite, generated with fast-check from the fields each page's
// forms really have (harvested from the page) plus hostile keys and values.
import fc from "fast-check";

/** Values that broke the app before (issue 11) or are classic boundary cases. */
export const BAD_VALUES = [
  "",
  " ",
  "2027-02-30",
  "2024-02-30",
  "2027-13-45",
  "9999-99-99",
  "2024-13-01",
  "0000-00-00",
  "2027-02-28T25:61",
  "8640000000000000",
  "-8640000000000000",
  "99999999999999999999999",
  "2147483648",
  "-1",
  "0",
  "1.5",
  "1e309",
  "NaN",
  "Infinity",
  "0x10",
  "true",
  "null",
  "[]",
  "{}",
  "toString",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "on",
  "\u0000",
  "a\u0000b",
  "\u0007\u001b[31m",
  "\r\nX-Injected: 1",
  "\ufffd",
  "\ud800",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "../../../etc/passwd",
  "//evil.example/",
  "法治学堂".repeat(100),
  "x".repeat(5000),
];

const HOSTILE_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "intent",
  "id",
  "page",
  "a[b]",
  "",
];
const HOSTILE_INTENTS = [
  "toString",
  "__proto__",
  "constructor",
  "valueOf",
  "hasOwnProperty",
  "",
  "x",
];

export type Harvest = { fields: Map<string, string>; intents: string[] };
export type Encoding =
  | "urlencoded"
  | "invalid-utf8"
  | "raw-bytes"
  | "multipart"
  | "json"
  | "text"
  | "garbage"
  | "bad-boundary"
  | "empty";
export type FuzzInput = { entries: [string, string][]; encoding: Encoding; rawQuery: string };

export const badValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...BAD_VALUES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
  { weight: 1, arbitrary: fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 99999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
      ),
  },
);

/** Form or query entries: the page's own fields, each kept, mutated or dropped, plus extras. */
export function inputArbitrary(h: Harvest): fc.Arbitrary<FuzzInput> {
  const intents = [...new Set([...h.intents, ...HOSTILE_INTENTS])];
  const fieldArbs = [...h.fields].map(([name, value]) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<[string, string][]>([[name, value]]) },
      { weight: 3, arbitrary: badValue.map((v): [string, string][] => [[name, v]]) },
      { weight: 1, arbitrary: fc.constant<[string, string][]>([]) },
      {
        weight: 1,
        arbitrary: badValue.map((v): [string, string][] => [
          [name, value],
          [name, v],
        ]),
      },
    ),
  );
  const intent = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.constantFrom(...intents).map((v): [string, string][] => [["intent", v]]),
    },
    { weight: 1, arbitrary: fc.constant<[string, string][]>([]) },
  );
  const extra = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), badValue),
    {
      maxLength: 3,
    },
  );
  return fc
    .record({
      fields: fc.tuple(...fieldArbs),
      intent,
      extra,
      encoding: fc.constantFrom<Encoding>(
        "urlencoded",
        "urlencoded",
        "urlencoded",
        "invalid-utf8",
        "raw-bytes",
        "multipart",
        "json",
        "text",
        "garbage",
        "bad-boundary",
        "empty",
      ),
      rawQuery: fc.constantFrom(
        "",
        "",
        "",
        "%FF%FE=%C3%28",
        "a=%00",
        "page=1&page=2",
        "__proto__[x]=1",
        "%",
        "a=%E5%8D",
      ),
    })
    .map(({ fields, intent, extra, encoding, rawQuery }) => ({
      entries: [...intent, ...fields.flat(), ...extra],
      encoding,
      rawQuery,
    }));
}

/** The body and headers for a form submission in the given (often wrong) encoding. */
export function encodeBody(input: FuzzInput): { body?: BodyInit; headers: Record<string, string> } {
  const urlencoded = new URLSearchParams(input.entries).toString();
  const form = "application/x-www-form-urlencoded";
  switch (input.encoding) {
    case "urlencoded":
      return { body: urlencoded, headers: { "Content-Type": form } };
    case "invalid-utf8":
      // Percent-encoded bytes that are not UTF-8, in the value of every field.
      return {
        body:
          input.entries.map(([k]) => `${encodeURIComponent(k)}=%FF%FE%C3%28`).join("&") || "x=%FF",
        headers: { "Content-Type": form },
      };
    case "raw-bytes":
      return {
        body: Buffer.concat([
          Buffer.from(urlencoded + "&name="),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe5, 0x8d]),
        ]),
        headers: { "Content-Type": form },
      };
    case "multipart": {
      const fd = new FormData();
      for (const [k, v] of input.entries) fd.append(k, v);
      return { body: fd, headers: {} };
    }
    case "json":
      return {
        body: JSON.stringify(Object.fromEntries(input.entries)),
        headers: { "Content-Type": "application/json" },
      };
    case "text":
      return { body: urlencoded, headers: { "Content-Type": "text/plain;charset=UTF-8" } };
    case "garbage":
      return {
        body: Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256)),
        headers: { "Content-Type": form },
      };
    case "bad-boundary":
      return {
        body: urlencoded,
        headers: { "Content-Type": "multipart/form-data; boundary=nothing-here" },
      };
    case "empty":
      return { headers: {} };
  }
}

/** The query string for a GET: the entries, plus a raw (possibly malformed) tail. */
export function encodeQuery(input: FuzzInput): string {
  const qs = [new URLSearchParams(input.entries).toString(), input.rawQuery]
    .filter(Boolean)
    .join("&");
  return qs ? `?${qs}` : "";
}

/** The names and intents of the page's form fields, read from its HTML. */
export function harvest(html: string): Harvest {
  const fields = new Map<string, string>();
  const intents: string[] = [];
  for (const m of html.matchAll(/<(input|select|textarea|button)\b([^>]*)>/g)) {
    const attrs = m[2]!;
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    if (!name) continue;
    const value = decodeEntities(/\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? "");
    if (name === "intent") intents.push(value);
    else if (!fields.has(name)) fields.set(decodeEntities(name), value);
  }
  return { fields, intents: [...new Set(intents)] };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
