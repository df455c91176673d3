// The part of autocannon 8's API that scripts/bench.ts uses (the package ships no types).
declare module "autocannon" {
  /** One request of a run; setupRequest may rewrite it before each send (a falsy result skips it). */
  export type BenchRequest = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (
      req: BenchRequest & { headers: Record<string, string> },
      context: Record<string, unknown>,
    ) => BenchRequest | null | undefined;
    onResponse?: (
      status: number,
      body: string,
      context: Record<string, unknown>,
      headers: Record<string, string | string[]>,
    ) => void;
  };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    /** Stop after this many requests instead of after a duration. */
    amount?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: BenchRequest[];
    warmup?: { connections?: number; duration?: number };
    timeout?: number;
  };
  type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
  };
  export type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    "3xx": number;
    "4xx": number;
    "5xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { total: number; sent: number };
    throughput: Histogram & { total: number };
  };
  type Instance = PromiseLike<Result> & { stop(): void };
  export default function autocannon(opts: Options): Instance;
}
