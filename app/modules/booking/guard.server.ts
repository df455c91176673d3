import { deny, type SessionUser } from "#app/utils/auth.server.ts";
import { enterpriseOf } from "./enterprise.server.ts";
import { expertIdOfUser } from "./experts.server.ts";

/** The signed-in enterprise's record; an ENTERPRISE user without an active one is refused. */
export async function requireEnterprise(request: Request, user: SessionUser) {
  const e = await enterpriseOf(user.id);
  if (!e || e.status !== "ACTIVE") return deny(request, user, "no active enterprise record");
  return e;
}

/** The signed-in expert's profile id; an EXPERT user without a profile is refused. */
export async function requireExpertProfile(request: Request, user: SessionUser): Promise<number> {
  const id = await expertIdOfUser(user.id);
  if (id === null) return deny(request, user, "no expert profile");
  return id;
}
