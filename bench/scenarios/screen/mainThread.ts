/**
 * How much work a page's main thread did over a window, from Chromium's own
 * counters (CDP Performance.getMetrics): script, style, layout and all tasks,
 * in ms. They count time spent working, so they say what rendering a message
 * costs even when the machine is busy and latencies are not comparable.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface MainThreadWork {
  taskMs: number;
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  /** How many layouts and style recalculations ran: counts do not swell when the machine is busy. */
  layouts: number;
  styleRecalcs: number;
}

export interface MainThreadMeter {
  read(): Promise<MainThreadWork>;
}

export async function mainThreadMeter(page: Page): Promise<MainThreadMeter> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return {
    async read() {
      const { metrics } = await cdp.send('Performance.getMetrics');
      const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
      return {
        taskMs: value('TaskDuration') * 1000,
        scriptMs: value('ScriptDuration') * 1000,
        styleMs: value('RecalcStyleDuration') * 1000,
        layoutMs: value('LayoutDuration') * 1000,
        layouts: value('LayoutCount'),
        styleRecalcs: value('RecalcStyleCount'),
      };
    },
  };
}

/** The work between two readings, per `per` units (e.g. messages), rounded to 0.01 ms. */
export function workPer(before: MainThreadWork, after: MainThreadWork, per: number): MainThreadWork {
  const each = (key: keyof MainThreadWork) => Math.round(((after[key] - before[key]) / Math.max(1, per)) * 100) / 100;
  return {
    taskMs: each('taskMs'),
    scriptMs: each('scriptMs'),
    styleMs: each('styleMs'),
    layoutMs: each('layoutMs'),
    layouts: each('layouts'),
    styleRecalcs: each('styleRecalcs'),
  };
}
