/**
 * many-nodes: two nodes on one scratch PostgreSQL database, sharing events
 * through Redis, with agents and customers spread over both (round-robin).
 * A routing burst (line drained by agents going Available at once, then a
 * wave of arrivals, then freed seats) and a message exchange between
 * customers and agents on different nodes: delivery percentiles both ways,
 * lost (acknowledged but never delivered) must be 0.
 *
 * Redis: a private redis-server of its own when the machine has the binary
 * (the Socket.IO adapter's channels and the limiters' keys have no prefix, so
 * a shared Redis would mix in other nodes' traffic), options.redisUrl otherwise.
 */
import { redisServerAvailable, startPrivateRedis, type PrivateRedis } from '../../tests/support/services.js';
import type { LoadPoint, Scenario, ScenarioReport } from '../contract.js';
import { forkLoad, type LoadProcess } from '../scale/channel.js';
import { addAgents, addQueues } from '../scale/fixtures.js';
import { intParam, machineNote, round } from '../scale/machine.js';
import { prepareDatabase, startNodeProcess } from '../scale/nodes.js';
import type { RoutingResult } from '../scale/routingJob.js';
import { routingFigures, routingNotes, TARGET_DECISIONS_PER_SECOND } from '../scale/routingFigures.js';
import type { ServerProcess } from '../systems/serverProcess.js';

const MAX_CAPACITY = 50;

export const run: Scenario = async (options) => {
  const { smoke, params, log } = options;
  if (!options.postgresAdminUrl) throw new Error('many-nodes needs PostgreSQL (postgresAdminUrl / DATABASE_URL): PGlite admits one node');
  const privateRedis: PrivateRedis | null = redisServerAvailable() ? await startPrivateRedis() : null;
  const redisUrl = privateRedis?.url ?? options.redisUrl;
  if (!redisUrl) throw new Error('many-nodes needs Redis (redis-server on this machine, or redisUrl / REDIS_URL)');

  const customers = Math.max(1, intParam(params, 'customers', smoke ? 20 : 500));
  const agentCount = Math.max(2, intParam(params, 'agents', smoke ? 4 : 20));
  const samples = intParam(params, 'samples', smoke ? 4 : 100);
  const chats = intParam(params, 'chats', smoke ? 4 : 100);
  const perSecond = intParam(params, 'rate', smoke ? 40 : 500);
  const seconds = intParam(params, 'seconds', smoke ? 2 : 10);
  const capacity = Math.min(MAX_CAPACITY, Math.ceil((2 * customers) / agentCount));

  const nodes: ServerProcess[] = [];
  let load: LoadProcess | null = null;
  const { database, setUp } = await prepareDatabase('postgres', options.postgresAdminUrl, async (db) => {
    const [queue] = await addQueues(db, 1);
    const [gate] = await addAgents(db, { prefix: 'gate', count: 1, capacity: 1, queues: [queue!] });
    const agents = await addAgents(db, { prefix: 'many', count: agentCount, capacity, queues: [queue!] });
    return { queue: queue!, gate: gate!, agents };
  });
  try {
    for (let i = 0; i < 2; i++) nodes.push(await startNodeProcess(database, { REDIS_URL: redisUrl }));
    log(`many-nodes: 2 nodes, ${agentCount} agents × ${capacity} seats, ${customers} customers in line then a wave; ${chats} cross-node chats at ${perSecond} msg/s for ${seconds} s`);
    const before = await Promise.all(nodes.map((n) => n.stats()));
    const began = performance.now();
    load = forkLoad('routingLoad', {
      urls: nodes.map((n) => n.url),
      slug: setUp.queue.slug,
      gateEmail: setUp.gate.email,
      agents: setUp.agents.map((a) => ({ email: a.email, capacity: a.capacity })),
      lineCustomers: customers,
      freeSeatSamples: samples,
      exchange: { chats, perSecond, seconds },
    });
    void (async () => {
      for (;;) log(`many-nodes: ${await load!.next<string>('progress')}`);
    })().catch(() => undefined);
    const result = await load.result<RoutingResult>();
    const elapsed = (performance.now() - began) / 1000;
    const after = await Promise.all(nodes.map((n) => n.stats({ gc: true })));
    const cpu = after.map((a, i) => (a.cpuUserMicros + a.cpuSystemMicros - before[i]!.cpuUserMicros - before[i]!.cpuSystemMicros) / 1e6 / elapsed);
    const exchange = result.exchange!;
    const point: LoadPoint = {
      system: 'reactive-chat',
      offeredPerSecond: round(exchange.offeredPerSecond, 0),
      deliveredPerSecond: round(exchange.deliveredPerSecond, 0),
      customerToAgent: exchange.customerToAgent,
      agentToCustomer: exchange.agentToCustomer,
      sent: exchange.sent,
      acknowledged: exchange.acknowledged,
      lost: exchange.lost,
      errors: result.errors,
      resources: { rssBytes: after.reduce((n, a) => n + a.rssBytes, 0), cpuCores: round(cpu.reduce((n, c) => n + c, 0), 3) },
    };
    const decisions = result.drain.decisionsPerSecond;
    const report: ScenarioReport = {
      scenario: 'many-nodes',
      description: `Two nodes on PostgreSQL + Redis: routing across both (${customers} waiting, then a wave), and messages between customers and agents on different nodes`,
      storage: 'postgres',
      points: [point],
      figures: {
        nodes: 2,
        customers,
        agents: agentCount,
        capacityPerAgent: capacity,
        ...routingFigures(result),
        crossNodeChats: exchange.crossNodeChats,
        messagesSent: exchange.sent,
        messagesAcknowledged: exchange.acknowledged,
        messagesDelivered: exchange.delivered,
        messagesLost: exchange.lost,
        customerToAgentMsP50: exchange.customerToAgent.p50,
        customerToAgentMsP99: exchange.customerToAgent.p99,
        agentToCustomerMsP50: exchange.agentToCustomer.p50,
        agentToCustomerMsP99: exchange.agentToCustomer.p99,
        nodeCpuCores: cpu.map((c) => round(c, 3)).join(' / '),
        nodeRssBytesAfter: after.map((a) => a.rssBytes).join(' / '),
      },
      targets: [
        { name: `routing ≥ ${TARGET_DECISIONS_PER_SECOND} decisions/s across two nodes`, met: decisions >= TARGET_DECISIONS_PER_SECOND, value: `${round(decisions, 0)}/s draining a line of ${result.drain.chats}; ${round(result.wave.decisionsPerSecond, 0)}/s for a wave of arrivals` },
        { name: '0 double offers', met: result.doubleOffers === 0 && result.overCapacity === 0, value: `${result.doubleOffers} double offers, ${result.overCapacity} over capacity` },
        { name: '0 lost across nodes', met: exchange.lost === 0, value: `${exchange.lost} of ${exchange.acknowledged} acknowledged` },
      ],
      notes: [
        machineNote(),
        `storage: ${database.label}, two nodes in processes of their own; Redis: ${privateRedis ? 'a private redis-server started for this run' : redisUrl}`,
        ...routingNotes(result),
        'exchange: only chats whose customer and agent are on different nodes; messages alternate customer→agent and agent→customer at the total rate; latency from the send to the other side\'s socket',
      ],
      lost: exchange.lost,
      errors: result.errors,
    };
    return report;
  } finally {
    load?.kill();
    for (const node of nodes) await node.close();
    await database.drop();
    await privateRedis?.stop();
  }
};
