import type { LoaderFunctionArgs } from "@remix-run/node";
import { GeneralErrorBoundary } from "#app/components/error-boundary.tsx";
import { requireUser } from "#app/utils/auth.server.ts";

// Unknown URLs: signed-in users get the Chinese 404 page; others the login page (default deny).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw new Response("页面不存在", { status: 404 });
}

export async function action({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  throw new Response("页面不存在", { status: 404 });
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
