/**
 * burst: a wave of arrivals on one node — routing decisions per second with
 * a line waiting and with customers arriving at once, chat start → offer
 * latency, time from a free seat to the next offer, and double offers (must
 * be 0). The load (agents and customers) runs in a process of its own
 * (bench/scale/routingJob.ts).
 */
import type { Scenario, ScenarioReport } from '../contract.js';
import { forkLoad, type LoadProcess } from '../scale/channel.js';
import { addAgents, addQueues } from '../scale/fixtures.js';
import { intParam, machineNote, round } from '../scale/machine.js';
import { prepareDatabase, startNodeProcess } from '../scale/nodes.js';
import type { RoutingResult } from '../scale/routingJob.js';
import { routingFigures, routingNotes } from '../scale/routingFigures.js';

/** The most seats an agent may have (users.capacity). */
const MAX_CAPACITY = 50;

export const run: Scenario = async (options) => {
  const { smoke, params, log } = options;
  const customers = Math.max(1, intParam(params, 'customers', smoke ? 20 : 500));
  const agentCount = Math.max(1, intParam(params, 'agents', smoke ? 4 : 20));
  const samples = intParam(params, 'samples', smoke ? 5 : 200);
  // Room for the line and for a wave as large: after both, every seat is full.
  const capacity = Math.min(MAX_CAPACITY, Math.ceil((2 * customers) / agentCount));

  const { database, setUp } = await prepareDatabase(options.storage, options.postgresAdminUrl, async (db) => {
    const [queue] = await addQueues(db, 1);
    const [gate] = await addAgents(db, { prefix: 'gate', count: 1, capacity: 1, queues: [queue!] });
    const agents = await addAgents(db, { prefix: 'burst', count: agentCount, capacity, queues: [queue!] });
    return { queue: queue!, gate: gate!, agents };
  });
  const node = await startNodeProcess(database);
  let load: LoadProcess | null = null;
  try {
    log(`burst: ${customers} customers in line, then a wave, ${agentCount} agents × ${capacity} seats, ${samples} free-seat samples (${database.label})`);
    const before = await node.stats();
    const began = performance.now();
    load = forkLoad('routingLoad', {
      urls: [node.url],
      slug: setUp.queue.slug,
      gateEmail: setUp.gate.email,
      agents: setUp.agents.map((a) => ({ email: a.email, capacity: a.capacity })),
      lineCustomers: customers,
      freeSeatSamples: samples,
    });
    void (async () => {
      for (;;) log(`burst: ${await load!.next<string>('progress')}`);
    })().catch(() => undefined);
    const result = await load.result<RoutingResult>();
    const seconds = (performance.now() - began) / 1000;
    const after = await node.stats({ gc: true });
    const cpuSeconds = (after.cpuUserMicros + after.cpuSystemMicros - before.cpuUserMicros - before.cpuSystemMicros) / 1e6;
    const report: ScenarioReport = {
      scenario: 'burst',
      description: `Routing on one node: ${customers} customers waiting then ${agentCount} agents Available at once, a wave of ${result.wave.chats} arrivals, ${samples} freed seats`,
      storage: database.storage,
      figures: {
        customers,
        agents: agentCount,
        capacityPerAgent: capacity,
        ...routingFigures(result),
        nodeCpuCores: round(cpuSeconds / seconds, 3),
        nodeRssBytesAfter: after.rssBytes,
      },
      targets: [
        { name: '0 double offers', met: result.doubleOffers === 0 && result.overCapacity === 0, value: `${result.doubleOffers} double offers, ${result.overCapacity} over capacity` },
      ],
      notes: [machineNote(), `storage: ${database.label}; one node in its own process`, ...routingNotes(result)],
      lost: 0,
      errors: result.errors,
    };
    return report;
  } finally {
    load?.kill();
    await node.close();
    await database.drop();
  }
};
