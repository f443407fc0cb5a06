/**
 * `npm install` on Node 20 (README) warns of nothing (issue 11): every package in the lock file accepts
 * Node 20.19, the oldest release our build tools take (vite), and the Node running the tests. When a
 * new release of a dependency asks for Node 22, pin the older line in package.json (overrides), as for
 * cookie, content-disposition and @axe-core/playwright.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { engines?: Record<string, string> | string[]; optional?: boolean }>;
};

type Version = [number, number, number];
const versionOf = (text: string): Version => {
  const [major = 0, minor = 0, patch = 0] = text.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
  return [major, minor, patch];
};
const compare = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The range forms the lock file holds: `a || b`, each of comparators `>=x`, `>x`, `<x`, `^x`, `~x`, `x` (x may be `20`, `20.19`, `20.19.0`, `*`). */
function satisfies(version: string, range: string): boolean {
  const v = versionOf(version);
  return range.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean)
      .every((comparator) => {
        const [, op = '', bound = ''] = /^(>=|<=|>|<|\^|~|=)?(.*)$/.exec(comparator) ?? [];
        if (bound === '*' || bound === 'x') return true;
        const b = versionOf(bound);
        const parts = bound.split('.').length;
        if (op === '>=') return compare(v, b) >= 0;
        if (op === '>') return compare(v, b) > 0;
        if (op === '<=') return compare(v, b) <= 0;
        if (op === '<') return compare(v, b) < 0;
        if (op === '^') return v[0] === b[0] && compare(v, b) >= 0;
        if (op === '~') return v[0] === b[0] && (parts < 2 || v[1] === b[1]) && compare(v, b) >= 0;
        // A bare version: 20 means 20.x, 20.19 means 20.19.x.
        return v[0] === b[0] && (parts < 2 || v[1] === b[1]) && (parts < 3 || v[2] === b[2]);
      }),
  );
}

describe('engines', () => {
  it('reads the range forms of the lock file', () => {
    expect(satisfies('20.19.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies('20.18.0', '^20.19.0 || >=22.12.0')).toBe(false);
    expect(satisfies('20.19.0', '>=22')).toBe(false);
    expect(satisfies('20.19.0', '18 || 20 || >=22')).toBe(true);
    expect(satisfies('20.19.0', '>= 0.6')).toBe(true);
    expect(satisfies('20.19.0', '>=22.12.0')).toBe(false);
  });

  it('every locked package accepts Node 20.19 and the Node running the tests', () => {
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
      if (!path || !range || entry.optional) continue;
      for (const version of ['20.19.0', process.versions.node]) {
        if (!satisfies(version, range)) refused.push(`${path.replace(/^node_modules\//, '')} wants node ${range} (not ${version})`);
      }
    }
    expect(refused).toEqual([]);
  });
});
