/** Starts one Reactive Chat node from environment variables. */
import { ConfigError, loadConfig } from './config.js';
import { startNode, startupBanner } from './server.js';

async function main(): Promise<void> {
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
  const node = await startNode(config);
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
