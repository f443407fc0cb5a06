/** The machine a figure was measured on, for the report's notes. */
import os from 'node:os';

export function machineNote(): string {
  const cpu = os.cpus();
  return `machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB memory, Node ${process.version}, ${os.platform()} ${os.release()}; shared with other work, so wall-clock figures are noisy`;
}

/** A whole-number param, or the default. */
export function intParam(params: Record<string, string>, name: string, fallback: number): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number ≥ 0 (got "${raw}")`);
  return value;
}

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
