/**
 * idle: as many customer sockets as one node can hold, each a real chat
 * started through the Data Collection form and then left idle in line
 * (spread over several queues: a queue's line is at most 10,000 long). The
 * sockets come from several worker processes. Measures what the node's
 * memory grows by per held connection (RSS and heap after a collection),
 * how long connecting them took, handshake failures, and CPU while idle
 * (Socket.IO pings and the presence heartbeat go on).
 *
 * The count is capped by the node process's open-files limit (ulimit -Hn):
 * without --connections it is that cap minus what the node already holds
 * (measured) minus room for the form's HTTP connections and the database pool.
 */
import type { Scenario, ScenarioReport } from '../contract.js';
import { forkLoad, type LoadProcess } from '../scale/channel.js';
import { addAgents, addQueues } from '../scale/fixtures.js';
import { latencyRecorder } from '../scale/histogram.js';
import type { IdleOpened, IdleReleased } from '../scale/idleJob.js';
import { intParam, machineNote, round } from '../scale/machine.js';
import { fileDescriptors, prepareDatabase, startNodeProcess } from '../scale/nodes.js';

const TARGET_CONNECTIONS = 20_000;
const TARGET_BYTES_PER_CONNECTION = 25 * 1024;
/** File descriptors kept free beyond the measured ones: the database pool growing, the staffing agent, accept() headroom. */
const FD_SLACK = 64;

export const run: Scenario = async (options) => {
  const { smoke, params, log } = options;
  const workers = Math.max(1, intParam(params, 'workers', smoke ? 2 : 4));
  const queueCount = Math.max(1, intParam(params, 'queues', smoke ? 2 : 4));
  const concurrency = Math.max(1, intParam(params, 'concurrency', smoke ? 4 : 8));
  const idleSeconds = intParam(params, 'idleSeconds', smoke ? 1 : 10);
  // On a busy machine chat starts can be slow: past this budget no new customer starts (0: no budget).
  const budgetSeconds = intParam(params, 'budgetSeconds', 0);

  const { database, setUp } = await prepareDatabase(options.storage, options.postgresAdminUrl, async (db) => {
    const queues = await addQueues(db, queueCount);
    const [agent] = await addAgents(db, { prefix: 'idle', count: 1, capacity: 1, queues });
    return { queues, agent: agent! };
  });
  const node = await startNodeProcess(database);
  const loads: LoadProcess[] = [];
  try {
    const fds = fileDescriptors(node.pid);
    const capacity = fds.hardLimit === null ? TARGET_CONNECTIONS : fds.hardLimit - fds.open - workers * concurrency - FD_SLACK;
    const connections = intParam(params, 'connections', smoke ? 40 : Math.min(TARGET_CONNECTIONS, capacity));
    log(`idle: node holds ${fds.open} file descriptors of ${fds.hardLimit ?? 'no'} allowed; asking for ${connections} customer sockets from ${workers} workers`);

    const slugs = setUp.queues.map((q) => q.slug);
    const share = (w: number) => Math.floor(connections / workers) + (w < connections % workers ? 1 : 0);
    let offset = 0;
    for (let w = 0; w < workers; w++) {
      loads.push(forkLoad('idleCustomers', { url: node.url, slugs, count: share(w), offset, concurrency, agentEmail: w === 0 ? setUp.agent.email : undefined }));
      offset += share(w);
    }
    await loads[0]!.next('agentReady', 120_000);
    const before = await node.stats({ gc: true });

    const began = performance.now();
    const startBefore = budgetSeconds ? Date.now() + budgetSeconds * 1000 : undefined;
    for (const load of loads) load.send('go', { startBefore });
    let progress = 0;
    const progressTimer = setInterval(() => log(`idle: ~${progress} connected`), 10_000);
    for (const load of loads) {
      let last = 0;
      void (async () => {
        for (;;) {
          const n = await load.next<number>('progress').catch(() => null);
          if (n === null) return;
          progress += n - last;
          last = n;
        }
      })();
    }
    const opened = await Promise.all(loads.map((l) => l.next<IdleOpened>('opened')));
    clearInterval(progressTimer);
    const connectSeconds = (performance.now() - began) / 1000;
    const held = opened.reduce((n, o) => n + o.connected, 0);
    log(`idle: ${held} connected in ${connectSeconds.toFixed(1)} s; idling ${idleSeconds} s`);

    // Let the last handshakes' work (presence writes, the first heartbeat) settle before measuring.
    await new Promise((r) => setTimeout(r, smoke ? 500 : 3000));
    const after = await node.stats({ gc: true });
    const fdsHeld = fileDescriptors(node.pid).open;
    const cpuFrom = await node.stats();
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const cpuTo = await node.stats();
    const idleCpuSeconds = (cpuTo.cpuUserMicros + cpuTo.cpuSystemMicros - cpuFrom.cpuUserMicros - cpuFrom.cpuSystemMicros) / 1e6;

    for (const load of loads) load.send('release');
    const released = await Promise.all(loads.map((l) => l.result<IdleReleased>()));

    const startMs = latencyRecorder();
    const connectMs = latencyRecorder();
    for (const o of opened) {
      o.startMs.forEach((v) => startMs.record(v));
      o.connectMs.forEach((v) => connectMs.record(v));
    }
    const startFailures = opened.reduce((n, o) => n + o.startFailures, 0);
    const skipped = opened.reduce((n, o) => n + o.skipped, 0);
    const handshakeFailures = opened.reduce((n, o) => n + o.handshakeFailures, 0);
    const dropped = released.reduce((n, r) => n + r.droppedWhileIdle, 0);
    const events: Record<string, number> = {};
    for (const r of released) for (const [k, v] of Object.entries(r.eventsWhileIdle)) events[k] = (events[k] ?? 0) + v;
    const rssPer = held ? (after.rssBytes - before.rssBytes) / held : null;
    const heapPer = held ? (after.heapUsedBytes - before.heapUsedBytes) / held : null;
    const errorSamples = opened.flatMap((o) => o.errorSamples).slice(0, 5);

    const report: ScenarioReport = {
      scenario: 'idle',
      description: `Customer sockets held idle by one node, each a chat started through the form and waiting in line (${queueCount} queues), from ${workers} load processes`,
      storage: database.storage,
      figures: {
        connectionsAsked: connections,
        connectionsHeld: held,
        openFilesHardLimit: fds.hardLimit,
        nodeFileDescriptorsBefore: fds.open,
        nodeFileDescriptorsHeld: fdsHeld,
        rssBytesBefore: before.rssBytes,
        rssBytesAfter: after.rssBytes,
        heapUsedBytesBefore: before.heapUsedBytes,
        heapUsedBytesAfter: after.heapUsedBytes,
        rssBytesPerConnection: rssPer === null ? null : Math.round(rssPer),
        heapBytesPerConnection: heapPer === null ? null : Math.round(heapPer),
        secondsToConnectAll: round(connectSeconds, 2),
        connectionsPerSecond: round(held / connectSeconds, 0),
        chatStartMsP50: startMs.percentiles().p50,
        chatStartMsP99: startMs.percentiles().p99,
        handshakeMsP50: connectMs.percentiles().p50,
        handshakeMsP99: connectMs.percentiles().p99,
        chatStartFailures: startFailures,
        notStartedBudgetOver: skipped,
        handshakeFailures,
        droppedWhileIdle: dropped,
        idleSeconds,
        idleCpuCores: idleSeconds ? round(idleCpuSeconds / idleSeconds, 3) : null,
        eventsPushedWhileIdle: Object.entries(events).map(([k, v]) => `${k}: ${v}`).join(', ') || 'none',
      },
      targets: [
        { name: `${TARGET_CONNECTIONS.toLocaleString('en')} customer sockets held by one node`, met: held >= TARGET_CONNECTIONS, value: `${held} held (${connections} asked; open-files cap ${fds.hardLimit ?? 'none'})` },
        {
          name: '≤ 25 KB of server memory per idle connection',
          met: rssPer !== null && rssPer <= TARGET_BYTES_PER_CONNECTION,
          value: rssPer === null ? 'no connection held' : `${round(rssPer / 1024)} KB RSS, ${round((heapPer ?? 0) / 1024)} KB heap per connection`,
        },
      ],
      notes: [
        machineNote(),
        `storage: ${database.label}`,
        `the node process may open ${fds.hardLimit ?? 'unlimited'} files (ulimit -Hn; raising it needs CAP_SYS_RESOURCE, which this machine does not give); it held ${fds.open} before the customers, so it can hold about ${capacity} customer sockets here`,
        'memory per connection = (after − before) / connections held, both read after two forced collections (node --expose-gc)',
        'idle carries no messages: lost is 0 by construction; errors = chat starts refused + handshakes failed + sockets dropped while idle',
        ...(skipped ? [`the time budget (--budgetSeconds=${budgetSeconds}) ran out before ${skipped} customers started: chat starts were the bottleneck, not sockets`] : []),
        ...(errorSamples.length ? [`first errors: ${errorSamples.join(' | ')}`] : []),
      ],
      lost: 0,
      errors: startFailures + handshakeFailures + dropped,
    };
    return report;
  } finally {
    for (const load of loads) load.kill();
    await node.close();
    await database.drop();
  }
};
