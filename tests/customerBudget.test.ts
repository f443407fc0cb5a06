/**
 * The customer page's JavaScript budget (issue 11: ≤ 35 KB gzipped, its own chunks, the shared ones
 * and its largest language catalog) and the website widget's loader (≤ 5 KB gzipped), measured on the
 * built files the way `npm run bench` reports them. `npm test` builds dist/web before this runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { customerPageSize } from '../bench/report/machine.js';

const built = existsSync('dist/web/customer/index.html');

describe.runIf(built)('page weight', () => {
  it('keeps the customer page within 35 KB of gzipped JavaScript on its first load', () => {
    const size = customerPageSize();
    expect(size.gzipBytes).not.toBeNull();
    expect(size.gzipBytes!, `customer page: ${size.gzipBytes} bytes in ${size.files} files`).toBeLessThanOrEqual(35 * 1024);
  });

  it('keeps the website widget loader within 5 KB gzipped', () => {
    const bytes = gzipSync(readFileSync('dist/web/widget.js')).length;
    expect(bytes).toBeLessThanOrEqual(5 * 1024);
  });
});
