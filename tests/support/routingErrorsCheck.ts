/**
 * Setup file (vitest.config.ts): a routing pass that failed on any node a
 * test file started fails that file. The router runs in the background after
 * each kick, so its errors never reach a test's own assertions otherwise.
 * Runs after the file's own afterAll (hooks run in reverse order of
 * registration), when its nodes are closed and their routing is idle.
 */
import { afterAll } from 'vitest';
import { routingErrorsOf, watchedNodes } from './watchedNodes.js';

afterAll(() => {
  const errors = routingErrorsOf();
  watchedNodes.clear();
  if (errors.length) throw new Error(`routing passes failed:\n${errors.join('\n')}`);
});
