/**
 * Liveness and readiness for load balancers and orchestrators.
 * `/health` (alias `/healthz`): the process lives and serves HTTP; it never
 * touches a dependency, so an outage elsewhere does not get the node killed.
 * `/ready`: the node can do its work now: 200, or 503 naming what is missing
 * (the database, the bus between nodes when REDIS_URL is set, or the node is
 * shutting down), so a balancer sends new customers elsewhere.
 * An overloaded node (refusing work `unavailable` now or within the last
 * 10 s) says so in `load` but stays ready: it sheds what it cannot do by
 * itself and keeps serving its chats, while taking it out of rotation would
 * push its load onto the other nodes until they fall over in turn.
 */
import type { FastifyInstance } from 'fastify';

export interface ReadinessReport {
  database: boolean;
  /** null: no bus configured (single node). */
  bus: boolean | null;
  shuttingDown: boolean;
  /** Refusing database work for want of connections, now or lately (src/app/readiness.ts). */
  overloaded: boolean;
}

export function healthRoutes(app: FastifyInstance, readiness: () => Promise<ReadinessReport>): void {
  for (const path of ['/health', '/healthz']) app.get(path, async () => ({ ok: true }));
  app.get('/ready', async (_request, reply) => {
    const report = await readiness();
    const down = [...(report.database ? [] : ['database']), ...(report.bus === false ? ['bus'] : []), ...(report.shuttingDown ? ['shutting_down'] : [])];
    return reply
      .code(down.length ? 503 : 200)
      .header('cache-control', 'no-store')
      .send({
        ok: down.length === 0,
        down,
        database: report.database ? 'up' : 'down',
        bus: report.bus === null ? 'none' : report.bus ? 'up' : 'down',
        load: report.overloaded ? 'overloaded' : 'normal',
      });
  });
}
