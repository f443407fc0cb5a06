/** Validates a whole queue config before it is stored, naming each refused value by its path. */
import { type QueueConfig, QueueConfigSchema } from '../../domain/queueConfig.js';
import { plainError } from '../../domain/plainErrors.js';
import { AppError } from '../errors.js';

export function checkedConfig(candidate: unknown): QueueConfig {
  const result = QueueConfigSchema.safeParse(candidate, { error: plainError });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) fields[issue.path.map(String).join('.') || '_'] ??= issue.message;
  const names = Object.keys(fields);
  throw new AppError('validation', names.length === 1 ? (fields[names[0]!] ?? 'Check the settings.') : 'Check the highlighted settings.', fields);
}

/** Refuses the save when `fields` names any value (path → message); one named value's message reads best. */
export function refuseFields(fields: Record<string, string>): void {
  const names = Object.keys(fields);
  if (!names.length) return;
  throw new AppError('validation', names.length === 1 ? (fields[names[0]!] ?? 'Check the settings.') : `Check ${names.join(', ')}.`, fields);
}
