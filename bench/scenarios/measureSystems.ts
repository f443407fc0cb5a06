/**
 * What steady and ramp share: each system in turn is started fresh, its chats
 * opened by the load workers, measured by the scenario's `measure` callback,
 * then its chats ended and the system stopped, so no system runs beside another.
 */
import type { ScenarioOptions, SystemName } from '../contract.js';
import { type LoadOptions, type LoadSession, openLoad } from '../load/loadGenerator.js';
import { startSystem } from '../systems/systems.js';

export async function eachSystem(
  systems: SystemName[],
  options: ScenarioOptions,
  load: Omit<LoadOptions, 'log'>,
  measure: (system: SystemName, session: LoadSession) => Promise<void>,
): Promise<void> {
  for (const name of systems) {
    options.log(`${name}: starting`);
    const system = await startSystem(name, { storage: options.storage, postgresAdminUrl: options.postgresAdminUrl });
    options.log(`${name}: listening at ${system.server.url}`);
    try {
      const session = await openLoad(system, { ...load, log: options.log });
      try {
        await measure(name, session);
      } finally {
        await session.close();
      }
    } finally {
      await system.close();
      options.log(`${name}: stopped`);
    }
  }
}
