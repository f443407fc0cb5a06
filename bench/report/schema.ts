/**
 * The report's shape as zod schemas (bench/contract.ts and report/results.ts),
 * so a written report can be checked by anyone reading it back: the CI smoke
 * test does, and so can a tool that charts results over time.
 */
import { z } from 'zod';
import type { LoadPoint, Percentiles, ScenarioReport } from '../contract.js';
import type { BenchResults } from './results.js';

const millis = z.number().nonnegative();

export const PercentilesSchema = z.object({
  count: z.number().int().nonnegative(),
  p50: millis,
  p95: millis,
  p99: millis,
  p999: millis,
  max: millis,
  mean: millis,
}) satisfies z.ZodType<Percentiles>;

export const SystemNameSchema = z.enum(['reactive-chat', 'ws-relay', 'socketio-relay']);
export const StorageSchema = z.enum(['pglite', 'postgres']);

export const LoadPointSchema = z.object({
  system: SystemNameSchema,
  offeredPerSecond: z.number().positive(),
  generatorPerSecond: z.number().nonnegative().optional(),
  run: z.number().int().positive().optional(),
  deliveredPerSecond: z.number().nonnegative(),
  customerToAgent: PercentilesSchema,
  agentToCustomer: PercentilesSchema.optional(),
  sent: z.number().int().nonnegative(),
  acknowledged: z.number().int().nonnegative(),
  lost: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative().optional(),
  resources: z
    .object({
      rssBytes: z.number().nonnegative().optional(),
      heapUsedBytes: z.number().nonnegative().optional(),
      cpuSeconds: z.number().nonnegative().optional(),
      cpuCores: z.number().nonnegative().optional(),
    })
    .optional(),
}) satisfies z.ZodType<LoadPoint>;

export const ScenarioReportSchema = z.object({
  scenario: z.string().min(1),
  description: z.string().min(1),
  storage: z.union([StorageSchema, z.literal('none')]),
  points: z.array(LoadPointSchema).optional(),
  tables: z.array(z.object({ title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.union([z.string(), z.number()]))) })).optional(),
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  targets: z.array(z.object({ name: z.string(), met: z.boolean(), value: z.string() })).optional(),
  notes: z.array(z.string()).optional(),
  lost: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
}) satisfies z.ZodType<ScenarioReport>;

export const BenchResultsSchema = z.object({
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  smoke: z.boolean(),
  params: z.record(z.string(), z.string()),
  machine: z.object({
    cpuModel: z.string(),
    cores: z.number().int().positive(),
    totalMemoryBytes: z.number().positive(),
    node: z.string(),
    os: z.string(),
    storage: StorageSchema,
    postgresVersion: z.string().nullable(),
    gitCommit: z.string().nullable(),
  }),
  customerPage: z.object({ gzipBytes: z.number().int().nonnegative().nullable(), files: z.number().int().nonnegative() }),
  sections: z.array(ScenarioReportSchema),
  failures: z.array(z.object({ scenario: z.string(), error: z.string() })),
}) satisfies z.ZodType<BenchResults>;
