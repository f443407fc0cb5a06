import { describe, expect, it } from 'vitest';
import { defaultQueueConfig, QueueConfigSchema } from './queueConfig.js';
import { diffValues } from './diff.js';

const issues = (candidate: unknown): Record<string, string> => {
  const result = QueueConfigSchema.safeParse(candidate);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

const withHours = (weekly: unknown[], exceptions: unknown[] = []) => ({
  ...defaultQueueConfig(),
  workingHours: { enabled: true, timeZone: 'Europe/Paris', weekly, exceptions, showOnClosedScreen: true },
});

describe('queue config rules', () => {
  it('accepts the defaults and fills keys added later into older rows', () => {
    const { maxWaitSeconds: _, ...older } = defaultQueueConfig();
    expect(QueueConfigSchema.parse(older).maxWaitSeconds).toBe(300);
    expect(issues(defaultQueueConfig())).toEqual({});
  });

  it('refuses an interval that ends before it starts unless it is marked overnight, and one that ends when it starts', () => {
    expect(issues(withHours([{ day: 1, start: '17:00', end: '09:00', overnight: false }]))).toEqual({ 'workingHours.weekly.0.end': expect.stringMatching(/before the start/) });
    expect(issues(withHours([{ day: 1, start: '22:00', end: '02:00', overnight: true }]))).toEqual({});
    expect(issues(withHours([{ day: 1, start: '09:00', end: '17:00', overnight: true }]))).toEqual({ 'workingHours.weekly.0.end': expect.stringMatching(/next day/) });
    expect(issues(withHours([{ day: 1, start: '09:00', end: '09:00', overnight: false }]))).toEqual({ 'workingHours.weekly.0.end': expect.stringMatching(/differ/) });
    expect(issues(withHours([{ day: 1, start: '24:00', end: '02:00', overnight: true }]))).toHaveProperty(['workingHours.weekly.0.start']);
  });

  it('reads an overnight interval stored before the flag existed', () => {
    const parsed = QueueConfigSchema.parse(withHours([{ day: 5, start: '22:00', end: '02:00' }]));
    expect(parsed.workingHours.weekly[0]?.overnight).toBe(true);
  });

  it('checks exception dates and special hours', () => {
    const exceptions = [
      { date: '2026-02-30', label: '', intervals: [] },
      { date: '2026-12-24', label: '', intervals: [{ start: '12:00', end: '09:00', overnight: false }] },
      { date: '2026-12-24', label: '', intervals: [] },
    ];
    expect(Object.keys(issues(withHours([], exceptions))).sort()).toEqual([
      'workingHours.exceptions.0.date',
      'workingHours.exceptions.1.intervals.0.end',
      'workingHours.exceptions.2.date',
    ]);
  });

  it('refuses an unknown time zone, a select without options, a bad email, and leave-a-message without an address', () => {
    const config = defaultQueueConfig();
    expect(issues({ ...config, workingHours: { ...config.workingHours, timeZone: 'Europe/Atlantis' } })).toHaveProperty(['workingHours.timeZone']);
    expect(issues({ ...config, dataCollection: { enabled: true, fields: [{ id: 'a', label: 'A', type: 'select', required: true, options: [] }] } })).toEqual({
      'dataCollection.fields.0.options': 'A select field needs at least one option.',
    });
    expect(issues({ ...config, offline: { leaveMessage: { enabled: false, email: 'nope' }, callback: { enabled: false } } })).toHaveProperty(['offline.leaveMessage.email']);
    expect(issues({ ...config, offline: { leaveMessage: { enabled: true, email: '' }, callback: { enabled: false } } })).toEqual({
      'offline.leaveMessage.email': 'Enter the address that receives left messages.',
    });
  });

  it('lists what changed for the audit log, leaf by leaf', () => {
    const before = defaultQueueConfig();
    const after = { ...before, open: false, workingHours: { ...before.workingHours, timeZone: 'Europe/Paris' } };
    expect(diffValues(before, after)).toEqual([
      { path: 'open', from: true, to: false },
      { path: 'workingHours.timeZone', from: 'UTC', to: 'Europe/Paris' },
    ]);
  });
});
