import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PrintButton } from "#app/components/ui/print-button.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { getOwnCertificate } from "#app/modules/learning/certificates.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "结业证书 - 法治学堂" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  // Owner-scoped: another learner's certificate number answers 404.
  const cert = await getOwnCertificate(params.no ?? "", user.id);
  if (!cert) throw new Response("证书不存在", { status: 404 });
  const verifyUrl = `${new URL(request.url).origin}/verify?no=${cert.certificateNo}&code=${cert.verifyCode}`;
  return json({ cert, verifyUrl });
}

export default function CertificatePage() {
  const { cert, verifyUrl } = useLoaderData<typeof loader>();
  const date = formatDateTime(cert.completedAt).slice(0, 10);
  return (
    <div className="space-y-4">
      <div className="no-print flex flex-wrap items-center gap-4">
        <Link to="/learn">← 我的学习</Link>
        <PrintButton />
        <span className="text-sm text-stone-600">
          在打印对话框中选择“另存为 PDF”即可得到 PDF 文件（A4）。
        </span>
      </div>
      <section
        aria-label="结业证书"
        className="mx-auto max-w-3xl border-8 border-double border-brand-700 bg-white p-10 text-center print:border-brand-700"
      >
        <p className="text-lg tracking-widest text-brand-700">法治学堂</p>
        <h1 className="my-6 text-4xl font-bold tracking-[0.5em]">结业证书</h1>
        <p className="text-xl leading-loose">
          <strong>{cert.user.name}</strong>
          {cert.user.orgUnit ? `（${cert.user.orgUnit.name}）` : ""}同志于 {date} 完成课程
        </p>
        <p className="my-4 text-2xl font-semibold">{cert.course.title}</p>
        <p className="text-lg">
          测验成绩 {cert.score} 分，获得 {cert.creditHours} 学时。特发此证。
        </p>
        <dl className="mt-10 grid grid-cols-[8rem_1fr] gap-y-1 text-left text-sm">
          <dt>证书编号</dt>
          <dd className="font-mono">{cert.certificateNo}</dd>
          <dt>验证码</dt>
          <dd className="font-mono">{cert.verifyCode}</dd>
          <dt>课程版本</dt>
          <dd className="font-mono">{cert.courseVersion}</dd>
          <dt>在线核验</dt>
          <dd className="break-all">{verifyUrl}</dd>
        </dl>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
