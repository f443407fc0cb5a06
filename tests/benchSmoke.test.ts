/**
 * CI runs the benchmark's smoke version (tiny load, a few seconds of
 * measuring): it must produce a valid report in which every system delivered
 * messages in every scenario and nothing acknowledged was lost. No timing is
 * asserted here; timings belong to `npm run bench`. Runs on PGlite, or on
 * PostgreSQL when DATABASE_URL is set (the runner's default storage).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchResultsSchema } from '../bench/report/schema.js';

const SYSTEMS = ['reactive-chat', 'ws-relay', 'socketio-relay'];

function runBench(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('npm run bench -- --smoke', () => {
  let out: string;
  let run: { code: number | null; stderr: string };

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'rc-bench-smoke-'));
    run = await runBench(['--smoke', '--scenario=steady,ramp', `--out=${out}`]);
  }, 600_000);

  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  it('exits 0 and writes the JSON, Markdown and chart, timestamped and as latest', async () => {
    expect(run.code, run.stderr).toBe(0);
    const files = await readdir(out);
    for (const extension of ['json', 'md', 'svg']) {
      expect(files).toContain(`latest.${extension}`);
      expect(files.some((f) => /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\./.test(f) && f.endsWith(`.${extension}`))).toBe(true);
    }
    expect(await readFile(join(out, 'latest.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<polyline[\s\S]*<\/svg>\n$/);
    expect(await readFile(join(out, 'latest.md'), 'utf8')).toContain('## ramp');
  });

  it('reports steady and ramp for all three systems, every one delivering, nothing lost', async () => {
    const results = BenchResultsSchema.parse(JSON.parse(await readFile(join(out, 'latest.json'), 'utf8')));
    expect(results.smoke).toBe(true);
    expect(results.failures).toEqual([]);
    expect(results.machine.storage).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    expect(results.sections.map((s) => s.scenario)).toEqual(['steady', 'ramp']);
    for (const section of results.sections) {
      expect(section.lost).toBe(0);
      const points = section.points ?? [];
      for (const system of SYSTEMS) {
        const own = points.filter((p) => p.system === system);
        expect(own.length, `${section.scenario} ${system}`).toBeGreaterThan(0);
        for (const point of own) {
          expect(point.lost).toBe(0);
          expect(point.customerToAgent.count, `${section.scenario} ${system} customer→agent`).toBeGreaterThan(0);
          expect(point.agentToCustomer?.count, `${section.scenario} ${system} agent→customer`).toBeGreaterThan(0);
        }
      }
    }
    const ramp = results.sections.find((s) => s.scenario === 'ramp');
    for (const system of SYSTEMS) expect(ramp?.points?.filter((p) => p.system === system)).toHaveLength(2);
  });
});
