/**
 * `npm run sim:ewt [-- --hours N] [-- --out path]`: simulates every scenario,
 * scores the estimators and writes docs/ewt-report.md. Exits 1 if ours does
 * not beat the baseline somewhere.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, failures, VIEWS } from './evaluate.js';
import { PREDICTORS } from './predictors.js';
import { renderReport } from './report.js';
import { scenarios } from './scenarios.js';
import { VARIANT_TRAFFIC } from './traffic.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const hours = Number(arg('hours') ?? 300);
const seed = Number(arg('seed') ?? 20261125);
const out = resolve(root, arg('out') ?? 'docs/ewt-report.md');

const started = Date.now();
const evaluation = evaluate(scenarios(hours, seed), PREDICTORS);
const variantHours = Math.max(10, Math.round(hours / 4));
const variants = VARIANT_TRAFFIC.map((traffic) => ({ traffic, hours: variantHours, evaluation: evaluate(scenarios(variantHours, seed, traffic), PREDICTORS) }));
const report = renderReport(evaluation, { hours, seed, variants });
writeFileSync(out, report);

const ours = PREDICTORS.findIndex((p) => p.name === 'ours');
const base = PREDICTORS.findIndex((p) => p.name === 'baseline');
const summary = evaluation.rows.map((r) => {
  const x = r.byView.arrival;
  return `${r.scenario.staffing.name.padEnd(20)} load ${String(r.scenario.load).padEnd(5)} n ${String(x?.n).padStart(6)}  MAE ${x?.mae[base]?.toFixed(1).padStart(6)} → ${x?.mae[ours]?.toFixed(1).padStart(6)}  MdAE ${x?.medae[base]?.toFixed(1).padStart(6)} → ${x?.medae[ours]?.toFixed(1).padStart(6)}`;
});
process.stdout.write(`baseline → ours, seconds, estimate on joining vs actual wait (served):\n${summary.join('\n')}\n`);
const failed = [
  ...VIEWS.flatMap((v) => failures(evaluation, v.id, ours, base).map((f) => `${v.id}: ${f}`)),
  ...variants.flatMap((v) => failures(v.evaluation, 'arrival', ours, base).map((f) => `${v.traffic.name}: ${f}`)),
];
process.stdout.write(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
if (failed.length > 0) {
  process.stderr.write(`ours does not beat the baseline in: ${failed.join('; ')}\n`);
  process.exit(1);
}
