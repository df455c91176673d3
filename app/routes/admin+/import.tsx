import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { FormError } from "#app/components/ui/field.tsx";
import {
  FormatHelp,
  PreviewPanel,
  ProgressPanel,
  UploadForm,
} from "#app/components/roster/roster-forms.tsx";
import {
  discardJob,
  findJob,
  forgetCredentials,
  previewUpload,
  startCommit,
  viewJob,
} from "#app/modules/roster/jobs.server.ts";
import { FailedPanel, ResultPanel } from "#app/components/roster/result-panel.tsx";
import { JobActionSchema, JobQuerySchema } from "#app/modules/roster/schemas.ts";
import { isMultipart, readRosterUpload } from "#app/modules/roster/upload.server.ts";
import { requireRole, type SessionUser } from "#app/utils/auth.server.ts";
import { badRequest, parseForm, parseQuery } from "#app/utils/form.server.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "导入人员 - 法治学堂" }];

const jobUrl = (id: string) => `/admin/import?job=${encodeURIComponent(id)}`;

const NoJobQuery = z.object({ job: z.undefined() });

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  if (parseQuery(request, NoJobQuery).success) return json({ view: null, missing: false });
  const parsed = parseQuery(request, JobQuerySchema);
  const job = parsed.success ? findJob(parsed.data.job, admin.id) : null;
  return json({ view: job ? viewJob(job) : null, missing: !job });
}

async function upload(admin: SessionUser, request: Request) {
  const file = await readRosterUpload(request);
  const result = file.ok ? await previewUpload(admin, file) : file;
  if (!result.ok)
    return json(
      { ok: false as const, formError: null, fieldErrors: { file: result.message } },
      { status: result.status },
    );
  return redirect(jobUrl(result.job.id));
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  if (isMultipart(request)) return upload(admin, request);
  const parsed = await parseForm(request, JobActionSchema);
  if (!parsed.ok) return badRequest(parsed);
  const job = findJob(parsed.data.job, admin.id);
  if (!job) return badRequest({ formError: "该导入任务不存在或已过期（30 分钟），请重新上传文件" });
  switch (parsed.data.intent) {
    case "commit": {
      const started = startCommit(job, admin, clientIp(request));
      return started.ok ? redirect(jobUrl(job.id)) : badRequest({ formError: started.message });
    }
    case "discard":
      discardJob(job);
      return redirect("/admin/import");
    case "forget":
      forgetCredentials(job);
      return redirect(jobUrl(job.id));
  }
}

export default function ImportPage() {
  const { view, missing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const running = view?.state === "hashing" || view?.state === "writing";
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">导入人员</h1>
      <FormError message={failed?.formError} />
      {missing ? (
        <FormError message="该导入任务不存在或已过期（30 分钟），请重新上传文件。" />
      ) : null}
      {view?.state === "preview" ? <PreviewPanel view={view} /> : null}
      {running ? <ProgressPanel view={view} /> : null}
      {view?.state === "done" ? <ResultPanel view={view} /> : null}
      {view?.state === "failed" ? <FailedPanel view={view} /> : null}
      {!view || view.state === "preview" ? (
        <section aria-labelledby="upload-title" className="space-y-3">
          <h2 id="upload-title" className="text-lg font-bold">
            {view ? "重新上传" : "上传人员名单"}
          </h2>
          <p>先上传文件预览检查结果，确认无误后再导入；确认前不会写入任何数据。</p>
          <UploadForm error={failed?.fieldErrors.file} />
          <FormatHelp />
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
