/** Seeded randomness: the same seed gives the same traffic on every machine. */

/** A uniform [0, 1) generator (mulberry32): small, fast and good enough for simulation. */
export type Rng = () => number;

export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream for each use (arrivals, handle times, patience), derived from one seed. */
export function stream(seed: number, name: string): Rng {
  let h = seed >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x9e3779b1) >>> 0;
  return seeded(h);
}

export function exponential(rng: Rng, mean: number): number {
  return -mean * Math.log(1 - rng());
}

export function normal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** Weibull with the given shape and mean (shape > 1: the longer one waits, the likelier one leaves). */
export function weibull(rng: Rng, shape: number, mean: number): number {
  const scale = mean / gamma(1 + 1 / shape);
  return scale * Math.pow(-Math.log(1 - rng()), 1 / shape);
}

/** Γ(x) for x > 0 (Lanczos). */
export function gamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.PI / (Math.sin(Math.PI * x) * gamma(1 - x));
  x -= 1;
  let a = c[0] ?? 0;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += (c[i] ?? 0) / (x + i);
  return Math.sqrt(2 * Math.PI) * Math.pow(t, x + 0.5) * Math.exp(-t) * a;
}
