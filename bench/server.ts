/**
 * The node the benchmark measures, in a process of its own so that the load
 * generator does not share its event loop. Started through
 * bench/systems/serverProcess.ts with DATABASE_URL (a scratch PostgreSQL
 * database) or DATA_DIR (a scratch PGlite directory), PORT (0: any) and
 * optionally REDIS_URL. Per-address limits are raised because all the load
 * comes from 127.0.0.1.
 */
import { loadConfig } from '../src/config.js';
import { startNode } from '../src/server.js';
import { RELAXED_LIMITS } from '../tests/support/testNode.js';
import { announceAndServeStats } from './systems/statsResponder.js';

const config = {
  // The sweep runs at the product's default (1 s) unless SWEEP_INTERVAL_MS says otherwise: at 100 ms, as
  // before, its statements were a load that no production node carries.
  ...loadConfig({ PORT: '0', ...process.env, HOST: '127.0.0.1', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' }),
  rateLimits: RELAXED_LIMITS,
};
const node = await startNode(config);
announceAndServeStats(node.url);
const stop = () => void node.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// A benchmark that dies must not leave its server behind: the IPC channel closing means the parent is gone.
process.once('disconnect', stop);
