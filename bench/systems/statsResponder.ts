/**
 * The measured side of a benchmark: every server the benchmark starts (our
 * node, the baseline relays) runs this, so the runner can ask it over the
 * IPC channel for its memory and CPU without sharing its event loop.
 */
export interface ServerStats {
  rssBytes: number;
  heapUsedBytes: number;
  /** Cumulative CPU microseconds since the process started. */
  cpuUserMicros: number;
  cpuSystemMicros: number;
}

export type StatsRequest = { type: 'stats'; id: number; gc?: boolean };
export type StatsReply = { type: 'stats'; id: number; stats: ServerStats };
export type ListeningNotice = { type: 'listening'; url: string };

/** Tells the parent where this server listens and answers its stats requests. */
export function announceAndServeStats(url: string): void {
  if (!process.send) {
    console.log(`listening ${url}`);
    return;
  }
  process.send({ type: 'listening', url } satisfies ListeningNotice);
  process.on('message', (message: StatsRequest) => {
    if (message?.type !== 'stats') return;
    // A collection first when asked (node --expose-gc), so idle memory is what is really held.
    const collect = (globalThis as { gc?: () => void }).gc;
    if (message.gc && collect) {
      collect();
      collect();
    }
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    const reply: StatsReply = {
      type: 'stats',
      id: message.id,
      stats: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, cpuUserMicros: cpu.user, cpuSystemMicros: cpu.system },
    };
    process.send?.(reply);
  });
}
