import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProposalPanel } from "#app/components/booking/calendar-panels.tsx";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { AnswerProposalSchema } from "#app/modules/booking/calendar-schemas.ts";
import { answerProposal } from "#app/modules/booking/proposals.server.ts";
import { getBookingFor } from "#app/modules/booking/queries.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { badRequest, parseForm } from "#app/utils/form.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

export const meta: MetaFunction = () => [{ title: "答复新时间建议 - 法治学堂" }];

// The enterprise accepts or declines the expert's proposed time (the form sits on the booking
// page; this page shows the answer's error, e.g. the slot taken in the meantime).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  const id = idField().safeParse(params.id);
  const b = id.success ? await getBookingFor(user, id.data) : null;
  if (!b) throw new Response("预约不存在", { status: 404 });
  return json({ booking: b });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ["ENTERPRISE"]);
  const id = idField().safeParse(params.id);
  if (!id.success) throw new Response("预约不存在", { status: 404 });
  const parsed = await parseForm(request, AnswerProposalSchema);
  if (!parsed.ok) return badRequest(parsed);
  const accept = parsed.data.intent === "accept";
  const r = await answerProposal(user, id.data, accept, clientIp(request));
  if (!r.ok) return json({ ok: false as const, formError: r.message }, { status: r.status });
  return redirect(
    `/consult/bookings/${id.data}?notice=${accept ? "accepted" : "proposal-declined"}`,
  );
}

export default function ProposalPage() {
  const { booking } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const error = result && "formError" in result ? result.formError : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">答复新时间建议</h1>
      {booking.proposedStart ? (
        <ProposalPanel booking={booking} role="ENTERPRISE" error={error} />
      ) : (
        <p className="rounded border border-dashed border-stone-400 p-3" role="alert">
          {error ?? "没有待答复的新时间建议。"}
        </p>
      )}
      <Link to={`/consult/bookings/${booking.id}`}>返回预约详情</Link>
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
