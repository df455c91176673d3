import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { AppShell } from "./components/app-shell.tsx";
import { GeneralErrorBoundary } from "./components/error-boundary.tsx";
import stylesHref from "./styles/app.css?url";
import { unreadCount } from "./modules/notifications/notifications.server.ts";
import { getUser } from "./utils/auth.server.ts";
import { navFor } from "./utils/navigation.ts";
import { useNonce, useRequestId } from "./utils/server-info.tsx";

const ROOT_LINKS = [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const links: LinksFunction = () => ROOT_LINKS;

// The document's <link>s. Root's `links` are the only ones: no route exports `links` or imports
// CSS (app/root-links.test.ts fails when one does). In production they are rendered as Remix's
// <Links /> renders them, without its per-request matching, keying and de-duplication of every
// route's descriptors (issue 14); development keeps <Links /> for Vite's critical CSS.
function RootLinks() {
  if (import.meta.env.DEV) return <Links />;
  return (
    <>
      {ROOT_LINKS.map((link) => (
        <link key={link.rel} {...link} />
      ))}
    </>
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  // Public pages render too: the user is optional here; every route guards itself.
  const user = await getUser(request);
  return json({
    user: user
      ? {
          name: user.name,
          username: user.username,
          role: user.role,
          mustChangePassword: user.mustChangePassword,
          unit: user.orgUnitName,
          unread: user.role === "AUDITOR" ? 0 : await unreadCount(user.id),
        }
      : null,
  });
}

export type RootData = ReturnType<typeof useRootData>;
export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const requestId = useRequestId();
  const data = useRootData();
  const user = data?.user ?? null;
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang="zh-CN" data-request-id={requestId}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <RootLinks />
      </head>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2"
        >
          跳到主要内容
        </a>
        <AppShell user={user} nav={user && !user.mustChangePassword ? navFor(user.role) : []}>
          {children}
        </AppShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
