import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { logout } from "#app/modules/auth/login.server.ts";
import { getUser } from "#app/utils/auth.server.ts";
import { clientIp } from "#app/utils/request.server.ts";
import { clearSessionCookie, readSessionToken } from "#app/utils/session.server.ts";

// Logging out changes state, so GET does nothing but send the user home.
export async function loader(_: LoaderFunctionArgs) {
  throw redirect("/");
}

// Public on purpose: logging out with an expired session must still clear the cookie.
export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  await logout({ token: await readSessionToken(request), user, ip: clientIp(request) });
  return redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
}
