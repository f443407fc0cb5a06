/** Starts one Reactive Chat node from environment variables. */
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { startNode, startupBanner } from './server.js';

async function main(): Promise<void> {
  // A .env file beside the project fills in variables the environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  // Last resort, not a cure: a promise nobody handled is a bug to fix where it starts. It is logged
  // loudly (fault tests fail on this line) instead of taking every chat on the node down with it.
  process.on('unhandledRejection', (reason) => {
    console.error('Unhandled promise rejection (a bug: please report it):', reason);
  });
  const node = await startNode(config, { killBeforePublishing: process.env.RC_FAULT_KILL_BEFORE_PUBLISH || undefined });
  console.log(startupBanner(config.publicUrl ?? node.url, config.seedDemo));
  const stop = (signal: string) => {
    node.app.log.warn(`${signal}: draining (at most ${config.shutdownTimeoutMs} ms), then exiting`);
    // A drain that hangs (a dependency that never answers) must not keep the node from exiting.
    setTimeout(() => {
      node.app.log.error(`shutdown took longer than SHUTDOWN_TIMEOUT_MS (${config.shutdownTimeoutMs} ms): exiting now`);
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    node.close().then(
      () => process.exit(0),
      (error: unknown) => {
        node.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Reactive Chat could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
