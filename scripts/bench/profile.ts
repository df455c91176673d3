// Reads a V8 .cpuprofile (node --cpu-prof) and names where the time went: self time per
// function and per package, so the bench's closing note can list the top costs of a page.
import fs from "node:fs";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type CpuProfile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

export type Cost = { name: string; where: string; selfMs: number; share: number };

/** node_modules/<package>, node:internal, the app's build, or the native part of V8. */
export function packageOf(url: string): string {
  if (!url) return "(native / GC)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith("node:")) return "node";
  if (url.includes("/build/server/")) return "app (build/server)";
  if (url.includes("/server-build/")) return "app (server-build)";
  return url.replace(/^file:\/\//, "");
}

/**
 * Self time by function and by package. `window`: only the samples taken between fromEndMs and
 * toEndMs before the profile's end (the load, not the server's start-up and module loading).
 */
export function analyseProfile(
  file: string,
  window?: { fromEndMs: number; toEndMs: number },
): {
  totalMs: number;
  functions: Cost[];
  packages: Cost[];
} {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const selfUs = new Map<number, number>();
  const from = window ? profile.endTime - window.fromEndMs * 1000 : -Infinity;
  const to = window ? profile.endTime - window.toEndMs * 1000 : Infinity;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (t >= from && t <= to) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const byFunction = new Map<string, Cost>();
  const byPackage = new Map<string, Cost>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0 || node.callFrame.functionName === "(idle)") continue;
    total += us;
    const where = packageOf(node.callFrame.url);
    const name = node.callFrame.functionName || "(anonymous)";
    const fKey = `${name}\u0000${where}`;
    const f = byFunction.get(fKey) ?? { name, where, selfMs: 0, share: 0 };
    f.selfMs += us / 1000;
    byFunction.set(fKey, f);
    const p = byPackage.get(where) ?? { name: where, where, selfMs: 0, share: 0 };
    p.selfMs += us / 1000;
    byPackage.set(where, p);
  }
  const ranked = (m: Map<string, Cost>) =>
    [...m.values()]
      .map((c) => ({ ...c, share: total > 0 ? (c.selfMs * 1000) / total : 0 }))
      .sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: total / 1000, functions: ranked(byFunction), packages: ranked(byPackage) };
}
