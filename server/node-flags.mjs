// The V8 flags the production server runs with (issue 14, session 11). Plain JavaScript so that
// scripts/start.mjs can read it; `npm start` passes them in package.json's "start" script (a
// flag that sizes the heap must be given when node starts: v8.setFlagsFromString is too late),
// and the bench (scripts/bench.ts, its reference app, scripts/bench-cpu.ts) starts the app and
// the bare Remix reference with the same flags, so the comparison stays fair.
// server/node-flags.test.ts checks that the start script passes exactly these.
//
// --max-semi-space-size=32: a request's garbage dies young, so V8's young generation grows to
// its default maximum under load (16 MB a semi-space on 64-bit Node 20) and is scavenged once
// it is full: about every 12 requests on the catalogue (1.3 MB of garbage each), 26 on the staff
// home. Each scavenge costs about the same (it copies what is still alive: the requests in
// flight), so twice the space halves their number and their CPU (--trace-gc over 1,500
// requests: catalogue 124 -> 61 scavenges, staff home 57 -> 29, /about 27 -> 13). The cost is
// memory: up to 32 MB more young generation once it has grown. --min-semi-space-size=16 alone
// changed nothing (the space reaches 16 MB during warm-up anyway).

/** @type {readonly string[]} */
export const SERVER_NODE_FLAGS = Object.freeze(["--max-semi-space-size=32"]);
