import type { PolicyFormValues } from "#app/components/policy/policy-form.tsx";

// A stored working copy as the draft form's values (the inverse of docs.server.ts workingCopy).

function list(json: string): unknown[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export function formValues(doc: {
  title: string;
  lawId: string | null;
  articles: string;
  docTitle: string | null;
  docNumber: string | null;
  docDate: string | null;
  body: string;
  keyPoints: string;
  faq: string;
  forStaff: boolean;
  forEnterprise: boolean;
  isPublic: boolean;
  industries: string;
}): PolicyFormValues {
  return {
    title: doc.title,
    instrument: doc.lawId || !doc.docTitle ? "law" : "doc",
    lawId: doc.lawId ?? "",
    articles: doc.articles,
    docTitle: doc.docTitle ?? "",
    docNumber: doc.docNumber ?? "",
    docDate: doc.docDate ?? "",
    body: doc.body,
    keyPoints: list(doc.keyPoints).map(String).join("\n"),
    faq: list(doc.faq)
      .map((f) =>
        f && typeof f === "object" && "q" in f && "a" in f ? `${String(f.q)}\n${String(f.a)}` : "",
      )
      .filter(Boolean)
      .join("\n\n"),
    forStaff: doc.forStaff,
    forEnterprise: doc.forEnterprise,
    isPublic: doc.isPublic,
    industries: list(doc.industries).map(String),
  };
}
