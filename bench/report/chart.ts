/**
 * The run's chart, hand-written SVG (no chart library): customer→agent
 * delivery latency p50 (dashed) and p99 (solid) against the offered load, for
 * our node and both baselines, both axes logarithmic. It plots the ramp's
 * points when the run has a ramp, else the first section with points.
 */
import type { LoadPoint, ScenarioReport, SystemName } from '../contract.js';
import { SYSTEM_LABELS, median } from './format.js';
import type { BenchResults } from './results.js';

const WIDTH = 920;
const HEIGHT = 550;
const PLOT = { left: 78, right: 700, top: 84, bottom: 478 };
const EDGE_ROOM = 1.25;
const COLORS: Record<SystemName, string> = { 'reactive-chat': '#0f766e', 'ws-relay': '#c2410c', 'socketio-relay': '#6d28d9' };
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

interface Series {
  system: SystemName;
  points: { offered: number; p50: number; p99: number }[];
}

export function renderChart(results: BenchResults): string {
  const section = results.sections.find((s) => s.scenario === 'ramp' && s.points?.length) ?? results.sections.find((s) => s.points?.length);
  if (!section) return emptyChart('No latency points in this run (run the steady or ramp scenario).');
  const series = seriesOf(section.points ?? []);
  const all = series.flatMap((s) => s.points);
  const bound = typeof section.figures.boundMs === 'number' ? section.figures.boundMs : undefined;
  const x = logScale(Math.min(...all.map((p) => p.offered)), Math.max(...all.map((p) => p.offered)), PLOT.left, PLOT.right);
  const latencies = all.flatMap((p) => [p.p50, p.p99]).filter((v) => v > 0);
  if (bound) latencies.push(bound);
  const y = logScale(Math.min(...latencies), Math.max(...latencies), PLOT.bottom, PLOT.top);
  const parts: string[] = [];
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`);
  parts.push(
    `<text x="${PLOT.left}" y="30" font-size="18" font-weight="600" fill="#111827">Delivery latency against offered load (customer → agent)</text>`,
    ...subtitle(results, section).map((line, i) => `<text x="${PLOT.left}" y="${50 + i * 17}" font-size="13" fill="#4b5563">${escape(line)}</text>`),
  );
  for (const tick of x.ticks) {
    const px = x.at(tick);
    parts.push(`<line x1="${px}" y1="${PLOT.top}" x2="${px}" y2="${PLOT.bottom}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${px}" y="${PLOT.bottom + 20}" font-size="12" fill="#374151" text-anchor="middle">${formatTick(tick)}</text>`);
  }
  for (const tick of y.ticks) {
    const py = y.at(tick);
    parts.push(`<line x1="${PLOT.left}" y1="${py}" x2="${PLOT.right}" y2="${py}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${PLOT.left - 8}" y="${py + 4}" font-size="12" fill="#374151" text-anchor="end">${formatTick(tick)}</text>`);
  }
  parts.push(`<rect x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none" stroke="#9ca3af"/>`);
  parts.push(
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 44}" font-size="13" fill="#111827" text-anchor="middle">Offered load (messages per second, log scale)</text>`,
    `<text transform="translate(22 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" font-size="13" fill="#111827" text-anchor="middle">Latency (ms, log scale)</text>`,
  );
  if (bound) {
    const py = y.at(bound);
    parts.push(`<line x1="${PLOT.left}" y1="${py}" x2="${PLOT.right}" y2="${py}" stroke="#dc2626" stroke-dasharray="2 4" stroke-width="1.5"/>`);
    parts.push(`<text x="${PLOT.left + 6}" y="${py - 6}" font-size="12" fill="#dc2626">ramp bound: p99 ${bound} ms</text>`);
  }
  for (const s of series) {
    const color = COLORS[s.system];
    const line = (key: 'p50' | 'p99') => s.points.map((p) => `${x.at(p.offered).toFixed(1)},${y.at(Math.max(p[key], y.min)).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${line('p50')}" fill="none" stroke="${color}" stroke-width="1.8" stroke-dasharray="6 4" opacity="0.85"/>`);
    parts.push(`<polyline points="${line('p99')}" fill="none" stroke="${color}" stroke-width="2.6"/>`);
    for (const p of s.points) {
      parts.push(`<rect x="${(x.at(p.offered) - 3).toFixed(1)}" y="${(y.at(Math.max(p.p50, y.min)) - 3).toFixed(1)}" width="6" height="6" fill="#fff" stroke="${color}" stroke-width="1.5"/>`);
      parts.push(`<circle cx="${x.at(p.offered).toFixed(1)}" cy="${y.at(Math.max(p.p99, y.min)).toFixed(1)}" r="4" fill="${color}"/>`);
    }
  }
  parts.push(legend(series.map((s) => s.system)));
  return svg(parts);
}

/** One line per system, its points ordered by offered load; repeated runs at one load collapse to their medians. */
function seriesOf(points: LoadPoint[]): Series[] {
  const systems = [...new Set(points.map((p) => p.system))];
  return systems.map((system) => {
    const byLoad = new Map<number, LoadPoint[]>();
    for (const p of points.filter((q) => q.system === system && q.customerToAgent.count > 0)) byLoad.set(p.offeredPerSecond, [...(byLoad.get(p.offeredPerSecond) ?? []), p]);
    return {
      system,
      points: [...byLoad.entries()]
        .sort(([a], [b]) => a - b)
        .map(([offered, group]) => ({ offered, p50: median(group.map((g) => g.customerToAgent.p50)), p99: median(group.map((g) => g.customerToAgent.p99)) })),
    };
  });
}

function subtitle(results: BenchResults, section: ScenarioReport): string[] {
  const m = results.machine;
  return [
    `${section.scenario}: ${section.description}`,
    `${m.cores} cores, ${(m.totalMemoryBytes / 1024 ** 3).toFixed(0)} GB · storage ${m.storage}${m.postgresVersion ? ` (PostgreSQL ${m.postgresVersion})` : ''} · ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
  ];
}

function legend(systems: SystemName[]): string {
  const left = PLOT.right + 24;
  const rows = systems.map((system, i) => {
    const top = PLOT.top + 10 + i * 30;
    return `<line x1="${left}" y1="${top}" x2="${left + 28}" y2="${top}" stroke="${COLORS[system]}" stroke-width="2.6"/><circle cx="${left + 14}" cy="${top}" r="4" fill="${COLORS[system]}"/><text x="${left + 38}" y="${top + 4}" font-size="13" fill="#111827">${SYSTEM_LABELS[system]}</text>`;
  });
  const keyTop = PLOT.top + 20 + systems.length * 30;
  return [
    ...rows,
    `<line x1="${left}" y1="${keyTop}" x2="${left + 28}" y2="${keyTop}" stroke="#374151" stroke-width="2.6"/><text x="${left + 38}" y="${keyTop + 4}" font-size="12" fill="#374151">p99 (solid, dots)</text>`,
    `<line x1="${left}" y1="${keyTop + 22}" x2="${left + 28}" y2="${keyTop + 22}" stroke="#374151" stroke-width="1.8" stroke-dasharray="6 4"/><text x="${left + 38}" y="${keyTop + 26}" font-size="12" fill="#374151">p50 (dashed, squares)</text>`,
  ].join('\n');
}

interface LogScale {
  min: number;
  at(value: number): number;
  ticks: number[];
}

/** A logarithmic axis spanning whole 1-2-5 steps around [low, high]. */
function logScale(low: number, high: number, from: number, to: number): LogScale {
  const steps = [1, 2, 5];
  const candidates: number[] = [];
  for (let exponent = -3; exponent <= 7; exponent++) for (const s of steps) candidates.push(s * 10 ** exponent);
  // A little room on both ends so no point sits on the frame.
  const min = [...candidates].reverse().find((c) => c <= low / EDGE_ROOM) ?? low;
  const max = candidates.find((c) => c >= high * EDGE_ROOM) ?? high;
  const span = Math.log10(max) - Math.log10(min) || 1;
  return {
    min,
    at: (value) => from + ((Math.log10(value) - Math.log10(min)) / span) * (to - from),
    ticks: candidates.filter((c) => c >= min && c <= max),
  };
}

function formatTick(value: number): string {
  if (value >= 1000) return `${value / 1000}k`;
  return String(Number(value.toPrecision(3)));
}

function emptyChart(message: string): string {
  return svg([`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`, `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" font-size="16" fill="#374151" text-anchor="middle">${escape(message)}</text>`]);
}

function svg(parts: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" ${FONT} role="img" aria-label="Delivery latency against offered load">\n${parts.join('\n')}\n</svg>\n`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
