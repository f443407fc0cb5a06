/**
 * Since when this node has reached the database without a failure in
 * between. The sweeper expires an agent's presence only after it has itself
 * reached the database continuously for longer than the presence TTL: after
 * an outage every live node then had a full TTL to renew the presence of the
 * agents whose sockets it holds, so an agent still connected is never set
 * Offline because the servers could not write their heartbeat.
 */
export class DatabaseReach {
  private since: number | null = null;
  private failing = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** A database call succeeded. True when it is the first one after a failure (the database is back). */
  succeeded(): boolean {
    const recovered = this.failing;
    this.failing = false;
    this.since ??= this.now();
    return recovered;
  }

  /** A database call failed for want of the database. */
  failed(): void {
    this.failing = true;
    this.since = null;
  }

  /** Milliseconds of uninterrupted reach so far (0 while failing or before the first success). */
  reachableForMs(): number {
    return this.since === null ? 0 : this.now() - this.since;
  }
}
