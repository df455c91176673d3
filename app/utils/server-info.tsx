import { createContext, useContext } from "react";

/** Per-request values rendered on the server: the CSP nonce and the request id. */
export type ServerInfo = { nonce: string; requestId: string };
const ServerInfoContext = createContext<ServerInfo>({ nonce: "", requestId: "" });
export const ServerInfoProvider = ServerInfoContext.Provider;

export function useNonce(): string {
  return useContext(ServerInfoContext).nonce;
}

/** On the server from the context; in the browser from the attribute the server rendered. */
export function useRequestId(): string {
  const fromServer = useContext(ServerInfoContext).requestId;
  if (fromServer) return fromServer;
  if (typeof document !== "undefined") return document.documentElement.dataset.requestId ?? "";
  return "";
}
