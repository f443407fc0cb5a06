/**
 * The idle, burst and many-nodes benchmark scenarios in their smoke size:
 * each produces a well-formed report, loses nothing, offers no chat twice and
 * holds every connection it asked for. No timing is asserted (timings belong
 * to `npm run bench`). PostgreSQL when DATABASE_URL is set, PGlite otherwise;
 * many-nodes needs both DATABASE_URL and REDIS_URL.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioOptions, ScenarioReport } from '../bench/contract.js';
import { run as burst } from '../bench/scenarios/burst.js';
import { run as idle } from '../bench/scenarios/idle.js';
import { run as manyNodes } from '../bench/scenarios/manyNodes.js';

const adminUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;

/** The scenario's progress lines, kept to explain a failure. */
const progress: string[] = [];

function smokeOptions(): ScenarioOptions {
  progress.length = 0;
  return { smoke: true, storage: adminUrl ? 'postgres' : 'pglite', postgresAdminUrl: adminUrl, redisUrl, params: {}, log: (line) => void progress.push(line) };
}

function expectWellFormed(report: ScenarioReport, scenario: string): void {
  expect(report.scenario).toBe(scenario);
  expect(report.description.length).toBeGreaterThan(10);
  expect(['pglite', 'postgres', 'none']).toContain(report.storage);
  for (const [name, value] of Object.entries(report.figures)) {
    expect(value === null || ['number', 'string', 'boolean'].includes(typeof value), `figure ${name}`).toBe(true);
    if (typeof value === 'number') expect(Number.isFinite(value), `figure ${name} is finite`).toBe(true);
  }
  for (const target of report.targets ?? []) {
    expect(typeof target.met).toBe('boolean');
    expect(target.value.length).toBeGreaterThan(0);
  }
  expect(report.notes?.some((n) => n.startsWith('machine:'))).toBe(true);
  expect(Number.isInteger(report.lost) && Number.isInteger(report.errors)).toBe(true);
  // The runner writes the report as JSON: nothing may be lost on the way.
  expect(JSON.parse(JSON.stringify(report))).toEqual(report);
}

describe('benchmark scenarios, smoke size', () => {
  it('idle holds every customer socket it asked for, each a chat waiting in line', { timeout: 600_000 }, async () => {
    const report = await idle(smokeOptions());
    expectWellFormed(report, 'idle');
    expect(report.figures.connectionsHeld).toBe(report.figures.connectionsAsked);
    expect(report.figures.connectionsHeld).toBeGreaterThan(0);
    expect(report.figures.handshakeFailures).toBe(0);
    expect(report.figures.chatStartFailures).toBe(0);
    expect(typeof report.figures.rssBytesPerConnection).toBe('number');
    expect(report.lost).toBe(0);
    expect(report.errors).toBe(0);
  });

  it('burst routes every chat once, within every agent\'s capacity', { timeout: 600_000 }, async () => {
    const report = await burst(smokeOptions());
    expectWellFormed(report, 'burst');
    // On failure, say what the load saw (first errors, the drain's progress): a stall must be diagnosable from CI's log.
    const seen = JSON.stringify({ figures: report.figures, notes: report.notes, progress });
    expect(report.figures.lineOffered, seen).toBe(report.figures.lineChats);
    expect(report.figures.waveOffered, seen).toBe(report.figures.waveChats);
    expect(report.figures.freeSeatSamples).toBeGreaterThan(0);
    expect(report.figures.doubleOffers).toBe(0);
    expect(report.figures.agentsAboveCapacity).toBe(0);
    expect(report.lost).toBe(0);
    expect(report.errors).toBe(0);
  });

  it.runIf(adminUrl && redisUrl)('many-nodes routes across two nodes and delivers every message between them', { timeout: 600_000 }, async () => {
    const report = await manyNodes(smokeOptions());
    expectWellFormed(report, 'many-nodes');
    expect(report.figures.agentsPerNode).toMatch(/^\d+ \/ \d+$/);
    const seen = JSON.stringify({ figures: report.figures, notes: report.notes, progress });
    expect(report.figures.lineOffered, seen).toBe(report.figures.lineChats);
    expect(report.figures.doubleOffers).toBe(0);
    expect(report.figures.agentsAboveCapacity).toBe(0);
    expect(report.figures.crossNodeChats).toBeGreaterThan(0);
    expect(report.figures.messagesDelivered, seen).toBe(report.figures.messagesAcknowledged);
    expect(report.figures.messagesAcknowledged, seen).toBe(report.figures.messagesSent);
    expect(report.points?.[0]?.customerToAgent.count).toBeGreaterThan(0);
    expect(report.lost).toBe(0);
    expect(report.errors).toBe(0);
  });
});
