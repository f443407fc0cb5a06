/**
 * The run's Markdown summary, for a person: the machine, then per scenario its
 * targets (met or not), its own summary tables (ratios to the baselines,
 * stability), every measured point, its other figures and notes.
 */
import type { LoadPoint, ReportTable, ScenarioReport } from '../contract.js';
import { SYSTEM_LABELS, megabytes, millis, perSecond } from './format.js';
import type { BenchResults } from './results.js';

export function renderMarkdown(results: BenchResults, chartFile: string): string {
  const m = results.machine;
  const lines: string[] = [
    `# Reactive Chat benchmark — ${results.startedAt.slice(0, 19).replace('T', ' ')} UTC${results.smoke ? ' (smoke: tiny load, figures meaningless)' : ''}`,
    '',
    `Machine: ${m.cores} × ${m.cpuModel}, ${(m.totalMemoryBytes / 1024 ** 3).toFixed(1)} GB memory, ${m.os}, Node ${m.node}. ` +
      `Storage: ${m.storage === 'postgres' ? `PostgreSQL ${m.postgresVersion ?? ''}`.trim() : 'PGlite (embedded)'}. Commit: ${m.gitCommit ?? 'unknown'}.`,
    '',
    `Customer page JavaScript: ${results.customerPage.gzipBytes === null ? 'not built (npm run build:web)' : `${(results.customerPage.gzipBytes / 1024).toFixed(1)} KB gzipped in ${results.customerPage.files} files`}.`,
    '',
    `Every system runs in a process of its own on this machine; the load generator runs in separate processes and speaks each system's real protocol. ` +
      'Latencies are from HDR histograms (ms). Lost = acknowledged to the sender but never delivered to the other side (must be 0).',
    '',
    `![Latency against offered load](${chartFile})`,
    '',
  ];
  if (results.failures.length) {
    lines.push('## Failures', '', ...results.failures.map((f) => `- **${f.scenario}** threw: ${f.error}`), '');
  }
  for (const section of results.sections) lines.push(...renderSection(section));
  return `${lines.join('\n')}\n`;
}

function renderSection(section: ScenarioReport): string[] {
  const lines = [`## ${section.scenario}`, '', `${section.description}. Storage: ${section.storage}. Lost: **${section.lost}**, errors: ${section.errors}.`, ''];
  if (section.targets?.length) {
    lines.push(
      ...table({
        title: 'Targets (issue 9)',
        columns: ['Target', 'Result', 'Measured'],
        rows: section.targets.map((t) => [t.name, t.met ? '✅ met' : '❌ not met', t.value]),
      }),
    );
  }
  for (const t of section.tables ?? []) lines.push(...table(t));
  if (section.points?.length) lines.push(...table(pointsTable(section.points)));
  const figures = Object.entries(section.figures);
  if (figures.length) lines.push(...table({ title: 'Figures', columns: ['Figure', 'Value'], rows: figures.map(([k, v]) => [k, v === null ? '–' : String(v)]) }));
  if (section.notes?.length) lines.push('Notes:', '', ...section.notes.map((n) => `- ${n}`), '');
  return lines;
}

function pointsTable(points: LoadPoint[]): ReportTable {
  const withRuns = points.some((p) => p.run !== undefined);
  return {
    title: 'Every measured point (latency in ms; – where nothing was delivered)',
    columns: [
      'System',
      ...(withRuns ? ['Run'] : []),
      'Offered msg/s',
      'Sent msg/s',
      'Delivered msg/s',
      'c→a p50',
      'c→a p95',
      'c→a p99',
      'c→a p99.9',
      'c→a max',
      'a→c p50',
      'a→c p99',
      'a→c max',
      'Sent',
      'Acked',
      'Lost',
      'Errors',
      'Refused',
      'RSS',
      'Heap',
      'CPU cores',
    ],
    rows: points.map(({ customerToAgent: c2a, agentToCustomer: a2c, ...p }) => ({ ...p, ca: c2a.count > 0 ? c2a : undefined, ac: a2c?.count ? a2c : undefined })).map((p) => [
      SYSTEM_LABELS[p.system],
      ...(withRuns ? [p.run ?? ''] : []),
      perSecond(p.offeredPerSecond),
      perSecond(p.generatorPerSecond),
      perSecond(p.deliveredPerSecond),
      millis(p.ca?.p50),
      millis(p.ca?.p95),
      millis(p.ca?.p99),
      millis(p.ca?.p999),
      millis(p.ca?.max),
      millis(p.ac?.p50),
      millis(p.ac?.p99),
      millis(p.ac?.max),
      p.sent,
      p.acknowledged,
      p.lost,
      p.errors,
      p.refused ?? '–',
      megabytes(p.resources?.rssBytes),
      megabytes(p.resources?.heapUsedBytes),
      p.resources?.cpuCores?.toFixed(2) ?? '–',
    ]),
  };
}

function table(t: ReportTable): string[] {
  const cell = (value: string | number) => String(value).replace(/\|/g, '\\|');
  return [
    `### ${t.title}`,
    '',
    `| ${t.columns.map(cell).join(' | ')} |`,
    `| ${t.columns.map(() => '---').join(' | ')} |`,
    ...t.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
  ];
}
