/**
 * What every benchmark scenario promises the runner (bench/run.ts): it takes
 * the run's options and returns a JSON-able report section. Scenarios live in
 * bench/scenarios/<name>.ts and export `run` of type Scenario. The runner
 * writes every section into bench/results/<timestamp>.json, a Markdown summary
 * and a chart; a scenario never prints its own final report.
 */

/** Latency percentiles in milliseconds, read off an HDR histogram (never averages alone). */
export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Which system ran the load: our node, or a pass-through baseline relay fed by the same load generator. */
export type SystemName = 'reactive-chat' | 'ws-relay' | 'socketio-relay';

export type Storage = 'pglite' | 'postgres';

export interface ScenarioOptions {
  /** A few seconds in all, small numbers: CI asserts a valid report and 0 lost, never timings. */
  smoke: boolean;
  /** pglite: embedded default; postgres: a scratch database on adminUrl (DATABASE_URL). */
  storage: Storage;
  /** PostgreSQL admin URL (scratch databases are created and dropped on it); needed for storage 'postgres' and many-nodes. */
  postgresAdminUrl?: string;
  /** Redis URL for many-nodes. */
  redisUrl?: string;
  /** Scenario-specific knobs from the command line (--key=value), all optional. */
  params: Record<string, string>;
  /** Progress lines for the person watching (stderr); not part of the report. */
  log: (line: string) => void;
}

/** Server-side resource figures for one measured system. */
export interface ResourceFigures {
  rssBytes?: number;
  heapUsedBytes?: number;
  /** CPU seconds the server used during the measured window (user + system). */
  cpuSeconds?: number;
  /** Server CPU as a share of one core during the measured window (0..cores). */
  cpuCores?: number;
}

/** One measured point: a system under one offered load. */
export interface LoadPoint {
  system: SystemName;
  /** Messages per second offered by the load generator. */
  offeredPerSecond: number;
  /** What the load generator actually managed to send per second (below offered when the generator itself is the limit). */
  generatorPerSecond?: number;
  /** 1-based repetition when a scenario measures the same load several times (steady). */
  run?: number;
  /** Messages per second delivered to the receiving side over the window. */
  deliveredPerSecond: number;
  customerToAgent: Percentiles;
  agentToCustomer?: Percentiles;
  sent: number;
  acknowledged: number;
  /** Acknowledged to the sender but never delivered to the other side: must be 0. */
  lost: number;
  errors: number;
  /** Refused at once by a node shedding load (nothing stored; a browser resends later). Not errors. Absent in older reports. */
  refused?: number;
  resources?: ResourceFigures;
}

export interface ScenarioReport {
  scenario: string;
  /** Plain-language one-line description of what was measured. */
  description: string;
  storage: Storage | 'none';
  /** Latency/throughput points (steady, ramp, many-nodes); the chart plots these. */
  points?: LoadPoint[];
  /** Tables for the person reading the Markdown summary (stability across runs, ratios to the baselines, ...). */
  tables?: ReportTable[];
  /** Named figures (connections held, bytes per idle connection, routing decisions/s, double offers, ...). */
  figures: Record<string, number | string | boolean | null>;
  /** Targets from issue 9 checked against the figures: name → met or not, with the figure. */
  targets?: { name: string; met: boolean; value: string }[];
  /** Things the person reading must know (a limit of the machine, a skipped part and why). */
  notes?: string[];
  /** Acknowledged but not delivered across the scenario: the runner fails the run if > 0. */
  lost: number;
  errors: number;
}

/** A summary table as the scenario wants it shown; cells are already formatted. */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export type Scenario = (options: ScenarioOptions) => Promise<ScenarioReport>;
