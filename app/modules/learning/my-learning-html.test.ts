import { createElement as h, Fragment } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProgressBar } from "#app/components/ui/progress-bar.tsx";
import { assignedHtml, certificatesHtml, inProgressHtml, TASK_STATES } from "./my-learning-html.ts";
import type { AssignedView, CertificateView } from "./my-learning-view.ts";

// The lists as 我的学习 rendered them with React before issue 14's session 12.
const ROW = "flex flex-wrap items-center justify-between gap-2 py-2";
const DETAIL = "ml-2 text-sm text-stone-600";
const react = (...rows: ReturnType<typeof h>[]) => renderToStaticMarkup(h(Fragment, null, ...rows));

const reactAssigned = (rows: AssignedView[]) =>
  react(
    ...rows.map((a) =>
      h(
        "li",
        { key: a.slug + a.title, className: ROW },
        h(
          "span",
          null,
          h("a", { "data-discover": "true", href: `/learn/courses/${a.slug}` }, a.courseTitle),
          h("span", { className: DETAIL }, `${a.title} · 截止 ${a.dueDay}`),
        ),
        h("span", { className: TASK_STATES[a.state].className }, TASK_STATES[a.state].label),
      ),
    ),
  );

type Progress = { slug: string; title: string; lessons: number; readLessons: number };
const reactInProgress = (rows: Progress[]) =>
  react(
    ...rows.map((c) =>
      h(
        "li",
        { key: c.slug },
        h("a", { "data-discover": "true", href: `/learn/courses/${c.slug}` }, c.title),
        h("span", { className: DETAIL }, `已读 ${c.readLessons} / ${c.lessons} 课`),
        h(ProgressBar, { value: c.readLessons, max: c.lessons, label: `${c.title} 阅读进度` }),
      ),
    ),
  );

const reactCertificates = (rows: CertificateView[]) =>
  react(
    ...rows.map((c) =>
      h(
        "li",
        { key: c.certificateNo, className: ROW },
        h("span", null, c.title, h("span", { className: DETAIL }, c.line)),
        h(
          "a",
          { "data-discover": "true", href: `/learn/certificates/${c.certificateNo}` },
          "查看证书 ",
          c.certificateNo,
        ),
      ),
    ),
  );

// React separates adjacent text nodes with <!-- --> (the strings write one text node) and
// writes an apostrophe as &#x27;, escape-html as &#39; (the same character).
const same = (html: string) => html.replaceAll("<!-- -->", "").replaceAll("&#x27;", "&#39;");

const odd = `<b>"甲" & '乙'</b>`;

describe("我的学习's lists as HTML strings (my-learning-html)", () => {
  it("writes the 必修 tasks as React did, every state, text escaped", () => {
    const rows: AssignedView[] = (["done", "overdue", "started", "new"] as const).map(
      (state, i) => ({
        slug: `course-${i}`,
        courseTitle: i === 0 ? odd : `课程${i}`,
        title: i === 1 ? odd : `任务${i}`,
        dueDay: "2026-03-31",
        state,
      }),
    );
    expect(assignedHtml(rows)).toBe(same(reactAssigned(rows)));
    expect(assignedHtml(rows)).not.toContain("<b>");
    expect(assignedHtml([])).toBe("");
  });

  it("writes the courses in progress with their progress bars as React did", () => {
    const rows: Progress[] = [
      { slug: "a", title: odd, lessons: 5, readLessons: 0 },
      { slug: "b", title: "《宪法》精讲", lessons: 3, readLessons: 2 },
      { slug: "c", title: "全部已读", lessons: 4, readLessons: 4 },
      { slug: "d", title: "无课文", lessons: 0, readLessons: 0 },
    ];
    expect(inProgressHtml(rows)).toBe(same(reactInProgress(rows)));
    expect(inProgressHtml(rows)).toContain('width="66.66666666666666"');
  });

  it("writes the certificates as React did", () => {
    const rows: CertificateView[] = [
      {
        certificateNo: "FZXT-2026-AAAA1111",
        title: odd,
        line: "2026-11-11 05:17:23 · 3 学时 · 90 分",
      },
      { certificateNo: "FZXT-2025-BBBB2222", title: "行政强制法要点", line: odd },
    ];
    expect(certificatesHtml(rows)).toBe(same(reactCertificates(rows)));
    expect(certificatesHtml(rows)).not.toContain("<b>");
  });
});
