/**
 * Estimated wait for a customer in line. Pure (no I/O): fed with the
 * customer's place, the current staffing, recent handle times and, when the
 * caller has them, the age of the chats in progress and the recent rate of
 * abandonment.
 *
 * Model (a multi-seat FIFO queue with impatient customers, M/G/c+M seen from
 * one waiting customer):
 *
 * - Seats. Agents take several chats at once, so the line is served by
 *   S = staffed agents × capacity seats, each working through its own chats.
 *   Handle time does not depend on how many chats the agent holds.
 * - Releases. The customer at place n with F free seats needs k = n − F
 *   "moves" of the line: a seat released (a chat ending) or somebody ahead
 *   leaving the line. A seat whose chat has run for `a` seconds releases after
 *   a residual time R_a with P(R_a ≤ t) = 1 − S(a + t)/S(a), S the survival of
 *   the handle-time distribution, then keeps releasing about every H seconds
 *   (H = average handle time). Its expected releases by t are therefore
 *       D_a(t) ≈ P(R_a ≤ t) + (1/H) ∫₀ᵗ P(R_a ≤ s) ds.
 *   This is exact for exponential handle times, and for a seat of unknown age
 *   (a stationary renewal process) it is exactly t/H, so without ages the
 *   model falls back to the classic S/H seats-per-second rate.
 *   Handle times are taken as lognormal (skewed: most chats are short, a few
 *   are long), fitted on the logs of the recent handle times; a long-running
 *   chat is then expected to run on (the residual grows with age) instead of
 *   "ending any second now".
 * - Abandonment. Each customer ahead leaves at rate θ (abandonments per second
 *   waited, recently observed); those moves shorten the wait. The expected
 *   number still ahead, x(t), follows dx = −dD − θ·x·dt.
 * - Median, not mean. Moves arrive roughly as a Poisson process with mean
 *   m(t) = D(t) + abandonments(t) (many seats superposed); the time of the
 *   k-th move then has its median where m(t) ≈ k − 1 + ln 2 (exact for k = 1,
 *   within 0.03 of a move of the gamma median k − 1/3 beyond). The last move
 *   is always a release worth ln 2, so the estimate never shrinks as the place
 *   grows. We show the median: half of the customers are served sooner, and it
 *   minimises the absolute error (a mean is pulled up by the rare long chats).
 *
 * Assumptions and limits: FIFO; the staffing seen now holds for the whole
 * wait (an agent leaving or joining changes the next estimate); seats shared
 * with other queues are not competed for; the customer's own time waited so
 * far adds nothing once the line's state is known (the line ahead does not
 * know how long we have waited), so the result is the remaining wait.
 */
export interface WaitInputs {
  /** 1-based place in line. */
  position: number;
  /** Agents Available on the queue (connected). */
  staffedAgents: number;
  /** Average chats each agent takes at once. */
  averageCapacity: number;
  /** Average handle time of recent chats, seconds. */
  averageHandleSeconds: number;
  /** Free seats right now (the customer is about to be offered). */
  freeSeats: number;
  /**
   * Elapsed seconds of the chats in progress on the staffed seats (offered or
   * active), one entry per busy seat. Missing seats count as of unknown age.
   */
  busyElapsedSeconds?: readonly number[];
  /** Recent handle times, seconds (their spread gives the distribution's shape). */
  recentHandleSeconds?: readonly number[];
  /** Customers leaving the line per second waited (abandonments ÷ seconds waited), recently. */
  abandonRatePerSecond?: number;
}

export const DEFAULT_HANDLE_SECONDS = 240;

/** σ of the log of handle times when too few are known to fit one (coefficient of variation ≈ 1). */
export const DEFAULT_LOG_SIGMA = 0.83;

const MIN_HANDLE_SECONDS = 30;
/** Longer than this and the number stops being an estimate (and the loop stops). */
const MAX_WAIT_SECONDS = 24 * 3600;

/** Seconds (the median remaining wait), or null when nobody is staffed (no honest number exists). */
export function estimateWaitSeconds(input: WaitInputs): number | null {
  const { position, ...line } = input;
  return estimateLineWaitSeconds(line, [position])[0] ?? null;
}

/** Everything the estimate needs about a queue, besides a customer's place in line. */
export type LineInputs = Omit<WaitInputs, 'position'>;

/** One customer walking the line: the moves they still need, and who is still ahead of them. */
interface Walker {
  index: number;
  target: number;
  moves: number;
  ahead: number;
}

/**
 * The estimate for every place of a line at once, each exactly what
 * estimateWaitSeconds gives for that place alone. The seats' releases do not
 * depend on the place, so they are stepped once for the whole line; only each
 * customer's moves (releases plus their own share of abandonments) are kept
 * per customer. A line of n costs one walk as long as its last customer's,
 * not n walks.
 */
export function estimateLineWaitSeconds(input: LineInputs, positions: readonly number[]): (number | null)[] {
  if (!(input.staffedAgents > 0)) return positions.map(() => null);
  const seats = Math.max(1, Math.round(input.staffedAgents * Math.max(1, finite(input.averageCapacity, 1))));
  const free = Math.min(seats, Math.max(0, Math.floor(finite(input.freeSeats, 0))));
  const results: (number | null)[] = positions.map(() => 0);
  let walkers: Walker[] = [];
  positions.forEach((p, index) => {
    const position = Math.max(1, Math.floor(finite(p, 1)));
    if (position <= free) return;
    const k = position - free;
    walkers.push({ index, target: k - 1 + Math.LN2, moves: 0, ahead: k - 1 });
  });
  if (!walkers.length) return results;

  const handle = Math.max(MIN_HANDLE_SECONDS, finite(input.averageHandleSeconds, 0) || DEFAULT_HANDLE_SECONDS);
  const shape = lognormalFit(handle, input.recentHandleSeconds);
  const theta = Math.max(0, finite(input.abandonRatePerSecond ?? 0, 0));

  // Busy seats with a known age, the rest (busy of unknown age, or free and
  // about to take someone ahead of us) as stationary renewal processes.
  const ages = (input.busyElapsedSeconds ?? [])
    .slice(0, seats - free)
    .map((a) => Math.max(0, finite(a, 0)));
  const fresh = free; // seats filled now: their first chat starts at age 0
  const stationary = seats - free - ages.length;
  let residualSeats = [...ages, ...Array<number>(fresh).fill(0)].map((a) => residualOf(a, shape));
  // Seats whose first chat has (almost surely) ended: 1 release each, then one every H seconds.
  let renewed = 0;
  let renewedSeconds = 0;

  // Time step: a quarter of the expected time between releases, at least 1 s.
  const dt = Math.max(1, handle / seats / 4);
  let t = 0;
  let released = 0;
  const finish = (w: Walker, at: number) => {
    results[w.index] = Math.max(0, Math.round(Math.min(at, MAX_WAIT_SECONDS)));
  };
  while (walkers.length && t < MAX_WAIT_SECONDS) {
    const next = t + dt;
    renewedSeconds += renewed * dt;
    let releasedNext = (stationary * next) / handle + renewed + renewedSeconds / handle;
    for (const seat of residualSeats) releasedNext += seat.expectedReleases(next, handle);
    if (residualSeats.some((seat) => seat.done)) {
      for (const seat of residualSeats.filter((x) => x.done)) {
        renewed++;
        renewedSeconds += seat.integral;
      }
      residualSeats = residualSeats.filter((x) => !x.done);
    }
    const dRelease = Math.max(0, releasedNext - released);
    const walking: Walker[] = [];
    for (const w of walkers) {
      const dAbandon = Math.min(w.ahead, theta * w.ahead * dt);
      const step = dRelease + dAbandon;
      if (w.moves + step >= w.target && step > 0) {
        finish(w, t + (dt * (w.target - w.moves)) / step);
        continue;
      }
      w.moves += step;
      w.ahead = Math.max(0, w.ahead - step);
      // Only a NaN step (degenerate inputs) gets here without reaching the target: stop as one walk would.
      if (w.moves < w.target) walking.push(w);
      else finish(w, next);
    }
    walkers = walking;
    released = releasedNext;
    t = next;
  }
  for (const w of walkers) finish(w, t);
  return results;
}

/** Words a customer can trust: "less than a minute", "about 3 minutes". */
export function describeWait(seconds: number | null): string | null {
  if (seconds === null) return null;
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.ceil(seconds / 60);
  if (minutes >= 90) return `about ${Math.round(minutes / 60)} hours`;
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

/** The common formula, kept for comparison: place × average handle time ÷ staffed agents. */
export function naiveWaitSeconds(input: Pick<WaitInputs, 'position' | 'staffedAgents' | 'averageHandleSeconds'>): number | null {
  if (!(input.staffedAgents > 0)) return null;
  const handle = finite(input.averageHandleSeconds, 0) || DEFAULT_HANDLE_SECONDS;
  return Math.max(0, Math.round((Math.max(1, Math.floor(finite(input.position, 1))) * handle) / input.staffedAgents));
}

interface Lognormal {
  mu: number;
  sigma: number;
}

/** Lognormal with the given mean; σ from the logs of the recent samples when there are enough. */
export function lognormalFit(mean: number, samples: readonly number[] | undefined): Lognormal {
  let sigma = DEFAULT_LOG_SIGMA;
  const xs = (samples ?? []).filter((x) => Number.isFinite(x) && x > 0);
  if (xs.length >= 8) {
    // Matched on the coefficient of variation (not on the logs: a few very
    // short chats would otherwise widen the fit and lengthen every residual).
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const v = xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1);
    sigma = Math.min(1.5, Math.max(0.2, Math.sqrt(Math.log(1 + v / (m * m)))));
  }
  return { mu: Math.log(mean) - (sigma * sigma) / 2, sigma };
}

interface ResidualSeat {
  /** Expected releases of this seat by time t: D_a(t) above. */
  expectedReleases(t: number, handle: number): number;
  /** The chat in progress has almost surely ended: from now on a plain renewal process. */
  readonly done: boolean;
  /** ∫₀ᵗ P(R ≤ s) ds so far. */
  readonly integral: number;
}

/**
 * One busy seat whose chat has run `age` seconds. The integral of P(R ≤ s) is
 * accumulated as t grows (the estimator asks for increasing t).
 */
function residualOf(age: number, shape: Lognormal): ResidualSeat {
  const survivalAtAge = Math.max(lognormalSurvival(age, shape), 1e-12);
  let lastT = 0;
  let lastCdf = 0;
  const seat = {
    done: false,
    integral: 0,
    expectedReleases(t: number, handle: number): number {
      const cdf = 1 - Math.min(1, lognormalSurvival(age + t, shape) / survivalAtAge);
      seat.integral += ((cdf + lastCdf) / 2) * (t - lastT);
      lastT = t;
      lastCdf = cdf;
      if (cdf > 0.999) seat.done = true;
      return cdf + seat.integral / handle;
    },
  };
  return seat;
}

function lognormalSurvival(x: number, { mu, sigma }: Lognormal): number {
  if (x <= 0) return 1;
  return 0.5 * erfc((Math.log(x) - mu) / (sigma * Math.SQRT2));
}

/** Complementary error function, fractional error below 1.2e-7 (Numerical Recipes' erfcc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

function finite(x: number, fallback: number): number {
  return Number.isFinite(x) ? x : fallback;
}
