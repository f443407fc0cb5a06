/**
 * The discrete-event model: one FIFO line in front of agents × capacity seats.
 * Events are arrivals, chat ends and abandonments. Each customer who finds no
 * free seat is estimated by every predictor at arrival, and again each time
 * the line moves (somebody ahead served or gone); the predictions are scored
 * against the wait that followed.
 *
 * Besides the actual wait of the customers who were served, the model keeps
 * each leaver's *virtual* wait: when the seat they would have had was
 * released. In FIFO the customers behind do not affect the ones ahead, so a
 * customer who left is kept as a ghost marker in the line, and the first
 * release after everybody real ahead of them is gone is the one they would
 * have had. Scoring against virtual waits removes the survivor bias of
 * scoring the served only (the served are those whose wait was short enough).
 */
import { EventHeap } from './heap.js';
import type { Observation, Predictor } from './predictors.js';
import { type Customer, generateStaffing, generateTraffic, type Scenario, type StaffingChange } from './traffic.js';

/** How many completed chats feed the average handle time (as customerState: the last 50). */
export const HANDLE_WINDOW = 50;
/** How many customers who left the line (served or not) feed the abandonment rate. */
export const LEAVER_WINDOW = 100;
/** Arrivals over this many seconds give the recent arrival rate (refined HOL). */
export const ARRIVAL_WINDOW_SECONDS = 900;

export interface Sample {
  /** One prediction per predictor, seconds, in the order given to simulate(). */
  predicted: number[];
  /** The wait that followed, seconds (remaining wait for re-estimates). */
  actual: number;
  /** 'arrival' (estimate shown on joining) or 'update' (re-estimate as the line moved). */
  when: 'arrival' | 'update';
  /** Whether the customer was served (else `actual` is their virtual wait). */
  served: boolean;
  position: number;
  /** When the estimate was made, seconds (batches for the confidence intervals). */
  at: number;
}

export interface RunResult {
  scenario: Scenario;
  samples: Sample[];
  customers: number;
  queued: number;
  abandoned: number;
  /** Customers who joined after the warm-up: all, those who found no free seat, and the waits of those served. */
  scored: { customers: number; queued: number; served: number; waitSeconds: number };
  /** Estimates not scored because nobody was staffed (the customer is told so, with no number). */
  unstaffed: number;
}

type Ev =
  | { at: number; kind: 'arrival'; c: Customer }
  | { at: number; kind: 'end'; seat: number }
  | { at: number; kind: 'abandon'; entry: Entry }
  | { at: number; kind: 'staff'; change: StaffingChange };

interface Entry {
  c: Customer;
  ghost: boolean;
  done: boolean;
  pending: { at: number; predicted: number[]; when: 'arrival' | 'update'; position: number }[];
}

interface Seat {
  busy: boolean;
  startedAt: number;
}

export function simulate(scenario: Scenario, predictors: readonly Predictor[], options: { updateEvery?: number } = {}): RunResult {
  const { agents, capacity } = scenario.staffing;
  const seats: Seat[] = Array.from({ length: agents * capacity }, () => ({ busy: false, startedAt: 0 }));
  // Without a day plan every agent is on shift all the time.
  const onShift = Array<boolean>(agents).fill(!scenario.day);
  const away = Array<boolean>(agents).fill(false);
  const staffed = (agent: number) => (onShift[agent] ?? false) && !(away[agent] ?? false);
  const seatStaffed = (seat: number) => staffed(Math.floor(seat / capacity));
  const heap = new EventHeap<Ev>();
  for (const change of generateStaffing(scenario)) heap.push({ at: change.at, kind: 'staff', change });
  for (const c of generateTraffic(scenario)) heap.push({ at: c.arrival, kind: 'arrival', c });
  const line: Entry[] = [];
  const handles: number[] = [];
  const leavers: { wait: number; abandoned: boolean }[] = [];
  const arrivals: number[] = [];
  const samples: Sample[] = [];
  const updateEvery = options.updateEvery ?? 1;
  let customers = 0;
  let queued = 0;
  let abandoned = 0;
  let unstaffed = 0;
  let lastServedWait = 0;
  const tally = { customers: 0, queued: 0, served: 0, waitSeconds: 0 };

  const scored = (c: Customer) => c.arrival >= scenario.warmupSeconds;

  const observe = (now: number, position: number): Observation => {
    let exposure = 0;
    let left = 0;
    for (const l of leavers) {
      exposure += l.wait;
      if (l.abandoned) left++;
    }
    let staffedAgents = 0;
    for (let a = 0; a < agents; a++) if (staffed(a)) staffedAgents++;
    const free: number[] = [];
    const busy: number[] = [];
    seats.forEach((s, i) => {
      if (!seatStaffed(i)) return;
      if (s.busy) busy.push(now - s.startedAt);
      else free.push(i);
    });
    while (arrivals.length && (arrivals[0] ?? 0) < now - ARRIVAL_WINDOW_SECONDS) arrivals.shift();
    const head = line.find((e) => !e.ghost);
    return {
      position,
      lineLength: line.filter((e) => !e.ghost).length,
      staffedAgents,
      averageCapacity: capacity,
      freeSeats: free.length,
      recentHandleSeconds: handles,
      busyElapsedSeconds: busy,
      abandonRatePerSecond: exposure > 0 ? left / exposure : 0,
      lastServedWaitSeconds: lastServedWait,
      headElapsedSeconds: head ? now - head.c.arrival : 0,
      arrivalRatePerSecond: arrivals.length / Math.max(60, Math.min(now, ARRIVAL_WINDOW_SECONDS)),
    };
  };

  const predict = (now: number, e: Entry, position: number, when: 'arrival' | 'update') => {
    if (!scored(e.c) || predictors.length === 0) return;
    if (when === 'update' && e.c.id % updateEvery !== 0) return;
    const o = observe(now, position);
    // Nobody staffed: the customer is told so, with no number to score.
    if (o.staffedAgents === 0) {
      unstaffed++;
      return;
    }
    e.pending.push({ at: now, predicted: predictors.map((p) => p.predict(o)), when, position });
  };

  const settle = (e: Entry, now: number, served: boolean) => {
    e.done = true;
    for (const p of e.pending) samples.push({ predicted: p.predicted, actual: now - p.at, when: p.when, served, position: p.position, at: p.at });
  };

  /** The customer enters service: LES, the served tally. */
  const served = (c: Customer, now: number) => {
    lastServedWait = now - c.arrival;
    if (!scored(c)) return;
    tally.served++;
    tally.waitSeconds += now - c.arrival;
  };

  const remember = <T>(list: T[], item: T, max: number) => {
    list.push(item);
    if (list.length > max) list.shift();
  };

  const start = (now: number, seat: number, c: Customer) => {
    const s = seats[seat];
    if (!s) return;
    s.busy = true;
    s.startedAt = now;
    heap.push({ at: now + c.handle, kind: 'end', seat });
  };

  /** Re-estimate everybody real still waiting: the line has moved. */
  const lineMoved = (now: number) => {
    let position = 0;
    for (const e of line) {
      if (e.ghost) continue;
      position++;
      predict(now, e, position, 'update');
    }
  };

  /** A staffed seat is free: the head of the line takes it (ghosts ahead would have: their virtual wait ends). */
  const take = (now: number, seat: number): boolean => {
    while (line[0]?.ghost) settle(line.shift() as Entry, now, false);
    const next = line.shift();
    if (!next) return false;
    settle(next, now, true);
    served(next.c, now);
    remember(leavers, { wait: now - next.c.arrival, abandoned: false }, LEAVER_WINDOW);
    start(now, seat, next.c);
    return true;
  };

  for (let ev = heap.pop(); ev; ev = heap.pop()) {
    const now = ev.at;
    if (ev.kind === 'arrival') {
      customers++;
      arrivals.push(now);
      if (scored(ev.c)) tally.customers++;
      const free = seats.findIndex((s, i) => !s.busy && seatStaffed(i));
      if (free >= 0) {
        start(now, free, ev.c);
        served(ev.c, now);
        remember(leavers, { wait: 0, abandoned: false }, LEAVER_WINDOW);
        continue;
      }
      queued++;
      if (scored(ev.c)) tally.queued++;
      const entry: Entry = { c: ev.c, ghost: false, done: false, pending: [] };
      line.push(entry);
      predict(now, entry, line.filter((e) => !e.ghost).length, 'arrival');
      if (Number.isFinite(ev.c.patience)) heap.push({ at: now + ev.c.patience, kind: 'abandon', entry });
    } else if (ev.kind === 'end') {
      const seat = seats[ev.seat];
      if (!seat) continue;
      remember(handles, now - seat.startedAt, HANDLE_WINDOW);
      seat.busy = false;
      if (seatStaffed(ev.seat) && take(now, ev.seat)) lineMoved(now);
    } else if (ev.kind === 'staff') {
      const { agent, kind, on } = ev.change;
      if (kind === 'shift') onShift[agent] = on;
      else away[agent] = on;
      if (!staffed(agent)) continue;
      // Back (or on shift): each free seat of the agent takes the head of the line.
      let moved = false;
      for (let seat = agent * capacity; seat < (agent + 1) * capacity; seat++) if (!seats[seat]?.busy && take(now, seat)) moved = true;
      if (moved) lineMoved(now);
    } else {
      const e = ev.entry;
      if (e.done || e.ghost) continue;
      abandoned++;
      e.ghost = true;
      remember(leavers, { wait: now - e.c.arrival, abandoned: true }, LEAVER_WINDOW);
      lineMoved(now);
    }
  }
  return { scenario, samples, customers, queued, abandoned, scored: tally, unstaffed };
}
