/**
 * The customer page's JavaScript budget (issue 11: ≤ 35 KB gzipped on its first load: its own chunks,
 * the shared ones and its largest language catalog), the same for the website widget's frame (the page
 * with ?embed=1 also fetches its embed chunk at once), and the widget's loader (≤ 5 KB gzipped),
 * measured on the built files from Vite's manifest, the way `npm run bench` reports them.
 * `npm test` builds dist/web before this runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { customerPageSize, EMBED_CHUNK, embedFrameSize } from '../bench/report/pageWeight.js';

const built = existsSync('dist/web/.vite/manifest.json');
const BUDGET = 35 * 1024;

describe.runIf(built)('page weight', () => {
  it('keeps the customer page within 35 KB of gzipped JavaScript on its first load', () => {
    const size = customerPageSize();
    expect(size.gzipBytes).not.toBeNull();
    expect(size.gzipBytes!, `customer page: ${size.gzipBytes} bytes in ${size.files} files`).toBeLessThanOrEqual(BUDGET);
  });

  it('keeps the website widget frame within the same 35 KB: the page and its embed chunk', () => {
    const manifest = JSON.parse(readFileSync('dist/web/.vite/manifest.json', 'utf8')) as Record<string, { file: string }>;
    const page = customerPageSize();
    const frame = embedFrameSize();
    expect(frame.gzipBytes).not.toBeNull();
    // The embed chunk is counted (the frame fetches more than the page), so this cannot pass by measuring the page alone.
    const embed = gzipSync(readFileSync(`dist/web/${manifest[EMBED_CHUNK]!.file}`)).length;
    expect(frame.gzipBytes).toBeGreaterThanOrEqual(page.gzipBytes! + embed);
    expect(frame.gzipBytes!, `widget frame: ${frame.gzipBytes} bytes in ${frame.files} files`).toBeLessThanOrEqual(BUDGET);
  });

  it('keeps the website widget loader within 5 KB gzipped', () => {
    const bytes = gzipSync(readFileSync('dist/web/widget.js')).length;
    expect(bytes).toBeLessThanOrEqual(5 * 1024);
  });
});
