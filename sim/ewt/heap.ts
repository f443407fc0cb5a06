/** A binary min-heap of events by time (ties broken by insertion order, so runs are deterministic). */
export interface Timed {
  at: number;
}

export class EventHeap<T extends Timed> {
  private items: { ev: T; n: number }[] = [];
  private count = 0;

  get size(): number {
    return this.items.length;
  }

  push(ev: T): void {
    const items = this.items;
    items.push({ ev, n: this.count++ });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last) return undefined;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(l, m)) m = l;
        if (r < items.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top.ev;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return false;
    return x.ev.at < y.ev.at || (x.ev.at === y.ev.at && x.n < y.n);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a];
    const y = this.items[b];
    if (!x || !y) return;
    this.items[a] = y;
    this.items[b] = x;
  }
}
