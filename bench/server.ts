/**
 * The node the benchmark measures, in a process of its own so that the load
 * generator does not share its event loop. Started by bench/run.ts with
 * DATABASE_URL (a scratch database) and PORT; per-address limits are raised
 * because all the load comes from 127.0.0.1.
 */
import { loadConfig } from '../src/config.js';
import { startNode } from '../src/server.js';
import { RELAXED_LIMITS } from '../tests/support/testNode.js';

const config = { ...loadConfig({ ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SWEEP_INTERVAL_MS: '100' }), rateLimits: RELAXED_LIMITS };
const node = await startNode(config);
console.log(`listening ${node.url}`);
const stop = () => void node.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
