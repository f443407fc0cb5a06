/** Reads a scenario's --key=value parameters, with a clear error for a value that is not a number in range. */
import { SYSTEMS } from '../systems/systems.js';
import type { SystemName } from '../contract.js';

export function numberParam(params: Record<string, string>, key: string, fallback: number, range: { min: number; max: number; integer?: boolean }): number {
  const text = params[key];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < range.min || value > range.max || (range.integer && !Number.isInteger(value))) {
    throw new Error(`--${key}=${text}: expected a${range.integer ? ' whole' : ''} number from ${range.min} to ${range.max}`);
  }
  return value;
}

/** --systems=reactive-chat,ws-relay picks some systems (default: ours and both baselines). */
export function systemsParam(params: Record<string, string>): SystemName[] {
  const text = params.systems;
  if (!text) return SYSTEMS;
  const names = text.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !SYSTEMS.includes(n as SystemName));
  if (unknown.length) throw new Error(`--systems: unknown ${unknown.join(', ')} (known: ${SYSTEMS.join(', ')})`);
  return names as SystemName[];
}
