import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { PrintButton } from "#app/components/ui/print-button.tsx";
import { LEARNER_ROLES } from "#app/modules/learning/access.ts";
import { qrSvg, verifyUrl } from "#app/modules/learning/certificate-qr.server.ts";
import { getOwnCertificate } from "#app/modules/learning/certificates.server.ts";
import { certificateIssuer } from "#app/modules/learning/settings.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { formatDateTime } from "#app/utils/dates.ts";

export const meta: MetaFunction = () => [{ title: "结业证书 - 法治学堂" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, LEARNER_ROLES);
  // Owner-scoped: another learner's certificate number answers 404.
  const cert = await getOwnCertificate(params.no ?? "", user.id);
  if (!cert) throw new Response("证书不存在", { status: 404 });
  const { courseVersion: _version, ...shown } = cert;
  const url = verifyUrl(request.url, cert.certificateNo, cert.verifyCode);
  return json({ cert: shown, qr: await qrSvg(url), issuer: await certificateIssuer() });
}

export default function CertificatePage() {
  const { cert, qr, issuer } = useLoaderData<typeof loader>();
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
        className="mx-auto max-w-3xl border-8 border-double border-brand-700 bg-white p-6 text-center sm:p-10 print:border-brand-700"
      >
        <p className="text-lg tracking-widest text-brand-700">{issuer}</p>
        <h1 className="my-6 text-3xl font-bold tracking-[0.3em] sm:text-4xl sm:tracking-[0.5em]">
          结业证书
        </h1>
        <p className="text-xl leading-loose">
          <strong>{cert.user.name}</strong>
          {cert.user.orgUnit ? `（${cert.user.orgUnit.name}）` : ""}同志于 {date} 完成课程
        </p>
        <p className="my-4 text-2xl font-semibold">{cert.course.title}</p>
        <p className="text-lg">
          测验成绩 {cert.score} 分，获得 <strong>{cert.creditHours} 学时</strong>。特发此证。
        </p>
        <div className="mt-8 flex flex-wrap items-end justify-between gap-6 text-left">
          <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
            <dt>证书编号</dt>
            <dd className="font-mono">{cert.certificateNo}</dd>
            <dt>验证码</dt>
            <dd className="font-mono">{cert.verifyCode}</dd>
            <dt>颁发单位</dt>
            <dd>{issuer}</dd>
            <dt>颁发日期</dt>
            <dd>{date}</dd>
          </dl>
          <figure className="text-center text-sm">
            {/* SVG paths made on the server by the qrcode library from our own URL. */}
            <div
              data-testid="certificate-qr"
              role="img"
              aria-label="证书核验二维码"
              className="mx-auto size-32"
              dangerouslySetInnerHTML={{ __html: qr }}
            />
            <figcaption>扫码核验证书</figcaption>
          </figure>
        </div>
      </section>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
