// The V8 flags the production server runs with (issue 14, session 11). Plain JavaScript so that
// scripts/start.mjs can read it; `npm start` passes them in package.json's "start" script (a
// flag that sizes the heap must be given when node starts: v8.setFlagsFromString is too late),
// and the bench (scripts/bench.ts, its reference app, scripts/bench-cpu.ts) starts the app and
// the bare Remix reference with the same flags, so the comparison stays fair.
// server/node-flags.test.ts checks that the start script passes exactly these.
//
// --min-semi-space-size=16: V8 starts the young generation at 1 MB per semi-space and grows it
// only when many objects survive a scavenge. A request's garbage dies young, so under load the
// young generation stayed at 1–4 MB and V8 scavenged every one or two page requests. Started at
// 16 MB (Node 20's default maximum on 64-bit, so the maximum is unchanged), a scavenge comes
// every dozen pages or so. The cost is memory: the young generation is committed at its full
// 32 MB (two semi-spaces) from the start, so the peak resident size grows by up to 30-45 MB
// (the catalogue under load: 285 -> 320-330 MB; the staff home and /about about unchanged).

/** @type {readonly string[]} */
export const SERVER_NODE_FLAGS = Object.freeze(["--min-semi-space-size=16"]);
