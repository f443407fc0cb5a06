/**
 * ramp: the offered rate is stepped up (×factor from `start`) for each system
 * until its p99 (the slower direction) passes `bound` ms or it delivers less
 * than 95 % of what was offered. The knee is the highest offered rate still
 * within both; our knee is compared with the baselines' (issue 9: ≥ 0.5× the
 * ws relay, ≥ 1× the Socket.IO relay).
 *
 * A step over the bound is measured once more before it counts (a shared
 * machine has hiccups); the first, unmeasured window warms the system up.
 *
 * Params: start (500), factor (1.5), steps (max steps, 12), bound ms (50),
 * seconds per step (5), warmup seconds (3), chats (200), workers (2),
 * agentCapacity (25), drain seconds (5), systems (all).
 */
import type { LoadPoint, ReportTable, Scenario, ScenarioReport, SystemName } from '../contract.js';
import { SYSTEM_LABELS, millis, perSecond, ratio } from '../report/format.js';
import { eachSystem } from './measureSystems.js';
import { numberParam, systemsParam } from './params.js';

const MIN_DELIVERED_SHARE = 0.95;

interface Knee {
  system: SystemName;
  /** Highest offered rate within the bound; 0 when even the first step was not. */
  knee: number;
  /** False when the last step was still within the bound: the knee is at least `knee`. */
  reached: boolean;
  why: string;
}

export const run: Scenario = async (options) => {
  const { params, smoke } = options;
  const start = numberParam(params, 'start', 100, { min: 1, max: 1_000_000 });
  const factor = numberParam(params, 'factor', 1.5, { min: 1.05, max: 10 });
  const steps = numberParam(params, 'steps', smoke ? 2 : 16, { min: 1, max: 50, integer: true });
  const bound = numberParam(params, 'bound', 50, { min: 0.1, max: 60_000 });
  const seconds = numberParam(params, 'seconds', smoke ? 1 : 5, { min: 0.1, max: 3600 });
  const chats = numberParam(params, 'chats', smoke ? 4 : 200, { min: 1, max: 100_000, integer: true });
  const workers = numberParam(params, 'workers', 2, { min: 1, max: 64, integer: true });
  const agentCapacity = numberParam(params, 'agentCapacity', 25, { min: 1, max: 50, integer: true });
  const drain = numberParam(params, 'drain', 5, { min: 1, max: 600 });
  const warmup = numberParam(params, 'warmup', smoke ? 0 : 3, { min: 0, max: 600 });
  const systems = systemsParam(params);

  const points: LoadPoint[] = [];
  const knees: Knee[] = [];
  const notes: string[] = [];
  await eachSystem(systems, options, { chats, workers, agentCapacity }, async (system, session) => {
    let knee: Knee = { system, knee: 0, reached: false, why: `still within the bound at the last step (${steps} steps)` };
    if (warmup > 0) await session.measure(start, warmup, drain);
    let retried = false;
    for (let step = 0; step < steps; step++) {
      const offered = Math.round(start * factor ** step);
      const { point, errorSamples } = await session.measure(offered, seconds, drain);
      // The slower direction decides; the text names it, since the chart plots customer→agent only.
      const backSlower = (point.agentToCustomer?.p99 ?? 0) > point.customerToAgent.p99;
      const p99 = backSlower ? point.agentToCustomer!.p99 : point.customerToAgent.p99;
      const p99Text = `p99 ${backSlower ? 'a→c' : 'c→a'} ${millis(p99)} ms`;
      const share = point.deliveredPerSecond / offered;
      options.log(`  ${system} at ${offered} msg/s: ${p99Text}, delivered ${perSecond(point.deliveredPerSecond)}/s (${(share * 100).toFixed(0)} %), lost ${point.lost}, errors ${point.errors}, refused ${point.refused ?? 0}`);
      if (errorSamples.length) notes.push(`${system} at ${offered} msg/s errors: ${errorSamples.join('; ')}`);
      if (point.generatorPerSecond !== undefined && point.generatorPerSecond < offered * MIN_DELIVERED_SHARE) {
        notes.push(`${system} at ${offered} msg/s: the load generator itself sent only ${perSecond(point.generatorPerSecond)} msg/s; this step measures the generator's limit as much as the system's.`);
      }
      const over = p99 > bound ? `${p99Text} > ${bound} ms` : share < MIN_DELIVERED_SHARE ? `delivered ${(share * 100).toFixed(0)} % of offered` : point.errors > 0 ? `${point.errors} errors` : null;
      // Never discard a step that lost a message: lost counts, whatever the timing.
      if (over && !retried && !smoke && point.lost === 0) {
        options.log(`  ${system} at ${offered} msg/s: ${over}; measuring this step once more`);
        notes.push(`${system} at ${perSecond(offered)} msg/s: first measurement discarded (${over}, ${point.errors} errors) and measured again.`);
        retried = true;
        step--;
        continue;
      }
      points.push(point);
      const twice = retried;
      retried = false;
      if (knee.reached) continue;
      if (over) {
        knee = { ...knee, reached: true, why: `${over} at ${perSecond(offered)} msg/s${twice ? ' (twice)' : ''}` };
        // The smoke run measures every step (CI checks each system's path, not its knee).
        if (smoke) continue;
        break;
      }
      knee = { ...knee, knee: offered };
    }
    knees.push(knee);
  });

  const figures: ScenarioReport['figures'] = { start, factor, steps, boundMs: bound, secondsPerStep: seconds, chats };
  for (const k of knees) {
    figures[`${k.system}.kneePerSecond`] = k.knee;
    figures[`${k.system}.kneeReached`] = k.reached;
  }
  const ours = knees.find((k) => k.system === 'reactive-chat');
  const targets: ScenarioReport['targets'] = [];
  const tables: ReportTable[] = [
    {
      title: `Knee: highest offered rate with p99 ≤ ${bound} ms and ≥ ${MIN_DELIVERED_SHARE * 100} % delivered`,
      columns: ['System', 'Knee (msg/s)', 'Stopped because', 'Reactive Chat ÷ this'],
      rows: knees.map((k) => [SYSTEM_LABELS[k.system], `${k.reached ? '' : '≥ '}${perSecond(k.knee)}`, k.why, ours && k.knee > 0 ? ratio(ours.knee / k.knee) : '–']),
    },
  ];
  if (ours) {
    for (const [system, wanted] of [
      ['ws-relay', 0.5],
      ['socketio-relay', 1],
    ] as const) {
      const baseline = knees.find((k) => k.system === system);
      if (!baseline) continue;
      const value = baseline.knee > 0 ? ours.knee / baseline.knee : NaN;
      figures[`reactive-chat.kneeRatioTo${system === 'ws-relay' ? 'Ws' : 'Socketio'}`] = Number.isFinite(value) ? Math.round(value * 100) / 100 : null;
      targets.push({
        name: `Throughput at the knee ≥ ${wanted}× the ${SYSTEM_LABELS[system]}`,
        met: Number.isFinite(value) && value >= wanted,
        value: `${ratio(value)} (${perSecond(ours.knee)} vs ${baseline.reached ? '' : '≥ '}${perSecond(baseline.knee)} msg/s)${baseline.reached ? '' : '; the baseline never passed the bound, so the ratio is an upper limit'}`,
      });
    }
  }
  notes.push(
    `Rates: ${Array.from({ length: steps }, (_, i) => perSecond(Math.round(start * factor ** i))).join(', ')} msg/s (${seconds} s each, same chats and connections throughout), half each direction, with typing around each message.`,
    'The chart plots these points: customer→agent p50 and p99 against the offered rate.',
  );
  return {
    scenario: 'ramp',
    description: `offered rate from ${perSecond(start)} msg/s ×${factor} per step over ${chats} chats until p99 > ${bound} ms or < 95 % delivered`,
    storage: options.storage,
    points,
    tables,
    figures,
    targets,
    notes,
    lost: points.reduce((sum, p) => sum + p.lost, 0),
    errors: points.reduce((sum, p) => sum + p.errors, 0),
  };
};
