/**
 * npm run bench -- [--scenario=steady,ramp] [--smoke] [--storage=postgres|pglite] [--out=dir] [--key=value ...]
 *
 * Runs the chosen scenarios (default: every one in bench/scenarios/index.ts)
 * in order and writes bench/results/<timestamp>.json, .md and .svg, copied to
 * latest.{json,md,svg}. Exits non-zero when a scenario throws or any section
 * lost a message (acknowledged but never delivered). Other --key=value
 * options go to every scenario as params (see each scenario's header).
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioReport, Storage } from './contract.js';
import { renderChart } from './report/chart.js';
import { machineInfo } from './report/machine.js';
import { customerPageSize } from './report/pageWeight.js';
import { renderMarkdown } from './report/markdown.js';
import type { BenchResults } from './report/results.js';
import { SCENARIOS } from './scenarios/index.js';

interface Command {
  scenarios: string[];
  smoke: boolean;
  storage: Storage;
  out: string;
  params: Record<string, string>;
}

function parseCommand(argv: string[]): Command {
  const params: Record<string, string> = {};
  let scenarios = Object.keys(SCENARIOS);
  let smoke = false;
  let storage: Storage = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  let out = 'bench/results';
  for (const arg of argv) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unexpected argument "${arg}": options are --key=value`);
    const [, key, value = 'true'] = match as unknown as [string, string, string | undefined];
    if (key === 'scenario') scenarios = value.split(',').map((s) => s.trim()).filter(Boolean);
    else if (key === 'smoke') smoke = value !== 'false';
    else if (key === 'out') out = value;
    else if (key === 'storage') {
      if (value !== 'postgres' && value !== 'pglite') throw new Error(`--storage=${value}: expected postgres or pglite`);
      storage = value;
    } else params[key] = value;
  }
  const unknown = scenarios.filter((s) => !(s in SCENARIOS));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')} (known: ${Object.keys(SCENARIOS).join(', ')})`);
  if (storage === 'postgres' && !process.env.DATABASE_URL) throw new Error('--storage=postgres needs DATABASE_URL (an admin URL: scratch databases are created on it)');
  return { scenarios, smoke, storage, out, params };
}

const began = performance.now();
/** Progress on stderr, each line with the seconds since the start. */
const log = (line: string) => process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

async function main(): Promise<number> {
  const command = parseCommand(process.argv.slice(2));
  const startedAt = new Date();
  const postgresAdminUrl = process.env.DATABASE_URL || undefined;
  const machine = await machineInfo(command.storage, postgresAdminUrl);
  log(`bench: ${command.scenarios.join(', ')} on ${machine.cores} × ${machine.cpuModel}, storage ${command.storage}${command.smoke ? ' (smoke)' : ''}`);
  const sections: ScenarioReport[] = [];
  const failures: BenchResults['failures'] = [];
  for (const name of command.scenarios) {
    log(`— ${name}`);
    try {
      const { run } = await SCENARIOS[name]!();
      sections.push(
        await run({ smoke: command.smoke, storage: command.storage, postgresAdminUrl, redisUrl: process.env.REDIS_URL || undefined, params: command.params, log }),
      );
    } catch (error) {
      log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      failures.push({ scenario: name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    smoke: command.smoke,
    params: command.params,
    machine,
    customerPage: customerPageSize(),
    sections,
    failures,
  };
  const written = await writeResults(command.out, results);
  log(`bench: wrote ${written.join(', ')}`);
  const lost = sections.reduce((sum, s) => sum + s.lost, 0);
  if (lost > 0) log(`bench: FAILED — ${lost} messages acknowledged but never delivered`);
  if (failures.length) log(`bench: FAILED — ${failures.map((f) => f.scenario).join(', ')} threw`);
  return lost > 0 || failures.length > 0 ? 1 : 0;
}

/** <dir>/<ISO timestamp, colons as dashes>.{json,md,svg}, and the same as latest.*. */
async function writeResults(dir: string, results: BenchResults): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const stamp = results.startedAt.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  const files: [string, string][] = [
    ['json', `${JSON.stringify(results, null, 2)}\n`],
    ['md', renderMarkdown(results, `${stamp}.svg`)],
    ['svg', renderChart(results)],
  ];
  const written: string[] = [];
  for (const [extension, content] of files) {
    const path = join(dir, `${stamp}.${extension}`);
    await writeFile(path, content);
    await copyFile(path, join(dir, `latest.${extension}`));
    written.push(path);
  }
  return written;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(error instanceof Error ? error.message : String(error));
    process.exit(2);
  },
);
