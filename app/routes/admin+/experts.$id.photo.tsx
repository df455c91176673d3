import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { readPhotoForm, setPhoto } from "#app/modules/booking/profiles.server.ts";
import { isMultipart } from "#app/modules/booking/upload.server.ts";
import { requireRole } from "#app/utils/auth.server.ts";
import { idField } from "#app/utils/input.ts";
import { clientIp } from "#app/utils/request.server.ts";

// ADMIN uploads or removes an expert's photo; the form is on /admin/experts/:id.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, ["ADMIN"]);
  const id = idField().safeParse(params.id);
  if (!id.success) throw new Response("专家不存在", { status: 404 });
  return redirect(`/admin/experts/${id.data}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, ["ADMIN"]);
  const id = idField().safeParse(params.id);
  if (!id.success) throw new Response("专家不存在", { status: 404 });
  // The form is a plain document POST from the expert's page: a refusal goes back there with
  // a code the page turns into its Chinese message (no text is reflected from the URL).
  const back = (code: string) => redirect(`/admin/experts/${id.data}?photo=${code}`);
  if (!isMultipart(request)) return back("unreadable");
  const form = await readPhotoForm(request);
  if (!form.ok) return back(form.status === 413 ? "size" : "unreadable");
  const r = await setPhoto(admin, id.data, form.bytes, clientIp(request));
  if (!r.ok) {
    if (r.status === 404) throw new Response("专家不存在", { status: 404 });
    return back(r.status === 503 ? "store" : form.bytes?.length === 0 ? "empty" : "type");
  }
  return back(form.remove ? "removed" : "saved");
}

// GET redirects (ADMIN) or is refused: a refusal renders as the app's error page.
export default function ExpertPhotoPost() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
