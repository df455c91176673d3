// DEMO SEED ONLY (DEMO_DATA=true): the 政策法规科 members and three published 政策解读, so the
// column is visible right after `npm start`. Each interprets an instrument of the statute
// library by article; the statute text is rendered from the library (::cite and the
// instrument block), never retyped here. The explanations are plain summaries, not legal advice.
import type { Q } from "../../app/data/db.server.ts";
import { renderMarkdown } from "../../app/modules/content/markdown.server.ts";

/** Demo accounts in the 政策法规科: 孙学习 works in it (AS-SJJ-K02), 赵培训 reviews. */
export const DEMO_SECTION = ["staff", "manager"];

type DemoDoc = {
  title: string;
  lawId: string;
  articles: string;
  body: string;
  keyPoints: string[];
  faq: { q: string; a: string }[];
  forStaff: boolean;
  forEnterprise: boolean;
  isPublic: boolean;
  industries: string[];
  author: string;
  reviewer: string;
  daysAgo: number;
};

export const DEMO_POLICY_DOCS: DemoDoc[] = [
  {
    title: "【示例】开展数据处理活动的安全保护义务：《数据安全法》第二十七条解读",
    lawId: "data-security-law",
    articles: "27",
    body: [
      "本条规定了开展数据处理活动的组织和个人的数据安全保护义务，条文如下：",
      "",
      '::cite{law="data-security-law" article="27"}',
      "",
      "对企业而言，可以从三个方面对照落实：一是制度，覆盖数据处理的全流程；二是人员，定期组织数据安全教育培训；三是技术，采取与业务相适应的技术措施。",
      "",
      "利用互联网等信息网络开展数据处理活动的，还应当在网络安全等级保护制度的基础上履行上述义务。",
    ].join("\n"),
    keyPoints: [
      "建立健全全流程数据安全管理制度",
      "组织开展数据安全教育培训",
      "采取相应的技术措施和其他必要措施",
    ],
    faq: [
      {
        q: "小微企业也要建立数据安全管理制度吗？",
        a: "本条适用于开展数据处理活动的组织和个人，没有按企业规模作出区分；制度的繁简可以与数据处理活动的规模和风险相适应。",
      },
    ],
    forStaff: true,
    forEnterprise: true,
    isPublic: true,
    industries: ["数据服务", "软件和信息技术服务"],
    author: "staff",
    reviewer: "manager",
    daysAgo: 20,
  },
  {
    title: "【示例】处理个人信息的合法性基础：《个人信息保护法》第十三条解读",
    lawId: "personal-information-protection-law",
    articles: "13",
    body: [
      "处理个人信息须有法定的合法性基础，取得个人同意只是其中一种。条文如下：",
      "",
      '::cite{law="personal-information-protection-law" article="13"}',
      "",
      "实践中，行政机关履行法定职责处理个人信息，通常依据的是“为履行法定职责或者法定义务所必需”这一情形，而不是个人同意。",
    ].join("\n"),
    keyPoints: [
      "取得个人同意只是合法性基础之一",
      "履行法定职责所必需也是合法性基础",
      "逐项对照本条所列情形确定依据",
    ],
    faq: [
      {
        q: "企业招聘时收集应聘者简历，需要单独取得同意吗？",
        a: "应结合本条所列情形具体判断；有疑问的，可以通过“预约专家”向法律顾问咨询。",
      },
    ],
    forStaff: true,
    forEnterprise: true,
    isPublic: false,
    industries: ["通用"],
    author: "expert",
    reviewer: "staff",
    daysAgo: 10,
  },
  {
    title: "【示例】市场准入负面清单：《优化营商环境条例》第二十条解读",
    lawId: "business-environment-regulation",
    articles: "20",
    body: [
      "本条确立了全国统一的市场准入负面清单制度。条文如下：",
      "",
      '::cite{law="business-environment-regulation" article="20"}',
      "",
      "对窗口工作人员而言，办理市场主体登记和审批时，应当以负面清单为准，不得对清单以外的领域另设准入条件。",
    ].join("\n"),
    keyPoints: [
      "实行全国统一的市场准入负面清单制度",
      "清单以外的领域，各类市场主体均可以依法平等进入",
    ],
    faq: [],
    forStaff: true,
    forEnterprise: false,
    isPublic: false,
    industries: ["通用"],
    author: "staff",
    reviewer: "manager",
    daysAgo: 3,
  },
];

export async function insertPolicyDemo(q: Q, now = new Date()): Promise<void> {
  const users = await q
    .selectFrom("User")
    .select(["id", "username"])
    .where("username", "in", ["staff", "manager", "expert"])
    .execute();
  const idOf = (name: string) => users.find((u) => u.username === name)?.id;
  const admin = await q
    .selectFrom("User")
    .select("id")
    .where("username", "=", "admin")
    .executeTakeFirst();
  for (const name of DEMO_SECTION) {
    const userId = idOf(name);
    if (userId)
      await q
        .insertInto("PolicySectionMember")
        .values({ userId, addedById: admin?.id ?? userId, addedAt: now })
        .execute();
  }
  for (const d of DEMO_POLICY_DOCS) {
    const authorId = idOf(d.author) ?? null;
    const reviewerId = idOf(d.reviewer);
    if (!reviewerId) continue;
    const at = new Date(now.getTime() - d.daysAgo * 86_400_000);
    const fields = {
      title: d.title,
      lawId: d.lawId,
      articles: d.articles,
      docTitle: null,
      docNumber: null,
      docDate: null,
      body: d.body,
      keyPoints: JSON.stringify(d.keyPoints),
      faq: JSON.stringify(d.faq),
      forStaff: d.forStaff,
      forEnterprise: d.forEnterprise,
      isPublic: d.isPublic,
      industries: JSON.stringify(d.industries),
    };
    const doc = await q
      .insertInto("PolicyDoc")
      .values({
        kind: "INTERPRETATION",
        stage: "PUBLISHED",
        authorId,
        ...fields,
        publishedVersion: 1,
        publishedAt: at,
        submittedAt: at,
        createdAt: at,
        updatedAt: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await q
      .insertInto("PolicyVersion")
      .values({
        docId: doc.id,
        version: 1,
        ...fields,
        bodyHtml: renderMarkdown(d.body).html,
        authorId,
        reviewerId,
        publishedAt: at,
      })
      .execute();
    await q
      .insertInto("PolicyTag")
      .values(d.industries.map((industry) => ({ docId: doc.id, industry })))
      .execute();
    for (const [action, actorId] of [
      ["SUBMIT", authorId ?? reviewerId],
      ["APPROVE", reviewerId],
    ] as const)
      await q.insertInto("PolicyReview").values({ docId: doc.id, actorId, action, at }).execute();
  }
}
