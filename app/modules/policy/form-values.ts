import type { PolicyFormValues } from "#app/components/policy/policy-form.tsx";
import { INDUSTRIES } from "#app/modules/policy/schemas.ts";

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

const text = (v: FormDataEntryValue | null, max: number): string =>
  typeof v === "string" ? v.replaceAll("\u0000", "").slice(0, max) : "";

/**
 * What the author submitted, as the form's values again, after a refusal: without JavaScript
 * the page is rendered anew, and a refused draft must not lose its text. Read leniently (each
 * field cut at its own limit, unknown industries dropped): it is only shown back in the form,
 * never stored; the refusal's messages come from PolicyEditSchema.
 */
export function submittedValues(form: FormData | null): PolicyFormValues | null {
  // Only the draft form's own submissions (intent "save"), not the workflow buttons.
  if (!form || form.get("intent") !== "save") return null;
  const instrument = form.get("instrument");
  const industries = form.getAll("industries").filter((v): v is string => typeof v === "string");
  return {
    title: text(form.get("title"), 100),
    instrument: instrument === "doc" ? "doc" : "law",
    lawId: text(form.get("lawId"), 80),
    articles: text(form.get("articles"), 60),
    docTitle: text(form.get("docTitle"), 100),
    docNumber: text(form.get("docNumber"), 50),
    docDate: text(form.get("docDate"), 10),
    body: text(form.get("body"), 20000),
    keyPoints: text(form.get("keyPoints"), 3000),
    faq: text(form.get("faq"), 10000),
    forStaff: form.get("forStaff") === "on",
    forEnterprise: form.get("forEnterprise") === "on",
    isPublic: form.get("isPublic") === "on",
    industries: (INDUSTRIES as readonly string[]).filter((i) => industries.includes(i)),
  };
}
