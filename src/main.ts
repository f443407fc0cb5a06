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
  const node = await startNode(config, { killBeforePublishing: process.env.RC_FAULT_KILL_BEFORE_PUBLISH || undefined });
  console.log(startupBanner(config.publicUrl ?? node.url, config.seedDemo));
  const stop = (signal: string) => {
    node.app.log.info(`${signal}: shutting down`);
    node.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Reactive Chat could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
