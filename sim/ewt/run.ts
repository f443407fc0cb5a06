/**
 * `npm run sim:ewt [-- --hours N] [-- --seed S] [-- --out path]`: simulates
 * every scenario (stationary, working days, other customer behaviours),
 * scores ours against the usual formula and the published real-time
 * predictors, checks the simulator against Erlang C, and writes
 * docs/ewt-report.md. Exits 1 only if a competitor is significantly better
 * than ours somewhere (a difference within its confidence interval is
 * reported, not failed on).
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkErlang } from './erlang.js';
import { evaluate, failures, STATIONARY_BATCHES, VIEWS } from './evaluate.js';
import { PREDICTORS } from './predictors.js';
import { type Group, renderReport } from './report.js';
import { dayScenarios, daysFor, scenarios } from './scenarios.js';
import { DEFAULT_TRAFFIC, VARIANT_TRAFFIC } from './traffic.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const hours = Number(arg('hours') ?? 300);
const seed = Number(arg('seed') ?? 20261125);
const out = resolve(root, arg('out') ?? 'docs/ewt-report.md');

const started = Date.now();
const variantHours = Math.max(10, Math.round(hours / 2));
const groups: Group[] = [
  {
    title: 'Stationary traffic',
    about: `The main customer behaviour, Poisson arrivals at a constant rate, fixed staffing; ${hours} hours per scenario, ${STATIONARY_BATCHES} batches.`,
    traffic: DEFAULT_TRAFFIC,
    hours,
    evaluation: evaluate(scenarios(hours, seed), PREDICTORS),
    full: true,
  },
  {
    title: 'Working days: arrivals and staffing that change through the day',
    about: `The main customer behaviour through ${daysFor(hours)} working days (the first not scored; one batch a day).`,
    traffic: DEFAULT_TRAFFIC,
    hours: daysFor(hours) * 24,
    evaluation: evaluate(dayScenarios(hours, seed), PREDICTORS),
    full: true,
  },
  ...VARIANT_TRAFFIC.map((traffic) => ({
    title: `Other customer behaviours: ${traffic.name}`,
    about: `The stationary staffings and loads under another behaviour, ${variantHours} hours per scenario; the other views as their pooled line.`,
    traffic,
    hours: variantHours,
    evaluation: evaluate(scenarios(variantHours, seed, traffic), PREDICTORS),
    full: false,
  })),
];
// Long enough for a few hundred thousand customers each (no predictors: seconds of work).
const erlang = [checkErlang(6, 0.8, 5000, seed), checkErlang(10, 0.9, 3000, seed + 1), checkErlang(1, 0.7, 30000, seed + 2)];
writeFileSync(out, renderReport({ hours, seed, groups, erlang }));

const names = PREDICTORS.map((p) => p.name);
const ours = names.indexOf('ours');
for (const g of groups) {
  const x = g.evaluation.overall.arrival;
  if (!x) continue;
  const cells = names.map((n, p) => `${n} ${x.mae[p]?.value.toFixed(1)}/${x.medae[p]?.value.toFixed(1)}`).join('  ');
  process.stdout.write(`${g.title}\n  on joining, MAE/MdAE (s): ${cells}\n`);
}
const failed = groups.flatMap((g) => VIEWS.flatMap((v) => failures(g.evaluation, v.id, ours).map((f) => `${g.title}, ${v.id}: ${f}`)));
process.stdout.write(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (failed.length > 0) {
  process.stderr.write(`a competitor is significantly better than ours in: ${failed.join('; ')}\n`);
  process.exit(1);
}
