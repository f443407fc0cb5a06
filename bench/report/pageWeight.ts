/**
 * What the customer page, and the website widget's frame (the same page with ?embed=1), fetch before
 * they are usable, gzipped, read from the built app (dist/web and Vite's manifest): the entry and
 * every chunk it imports, the chunks they always fetch at once (the frame's embed.ts), and the
 * reader's language catalog, the largest one counted. Chunks fetched later (offline screens,
 * files, after the chat) are not counted. Issue 11: ≤ 35 KB for both (tests/customerBudget.test.ts).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface CustomerPageSize {
  /** Every script the page loads first (see above), gzipped; null when dist/web is not built. */
  gzipBytes: number | null;
  files: number;
}

interface ManifestChunk {
  file: string;
  imports?: string[];
}

const ENTRY = 'customer/index.html';
/** The frame's bridge to the widget loader, imported at once when the page has ?embed=1 (web/customer/main.tsx). */
export const EMBED_CHUNK = 'customer/embed.ts';
/** The page fetches exactly one of these before its first render (web/customer/i18n/index.ts). */
const LANGUAGE_CHUNKS = ['customer/i18n/en.ts', 'customer/i18n/fr.ts', 'customer/i18n/es.ts'];

function readManifest(): Record<string, ManifestChunk> {
  return JSON.parse(readFileSync('dist/web/.vite/manifest.json', 'utf8')) as Record<string, ManifestChunk>;
}

/** The chunks' files with everything they import, transitively. */
function withImports(manifest: Record<string, ManifestChunk>, keys: string[]): Set<string> {
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    files.add(chunk.file);
    chunk.imports?.forEach(visit);
  };
  keys.forEach(visit);
  return files;
}

function firstLoad(eager: string[]): CustomerPageSize {
  try {
    const manifest = readManifest();
    const gz = (file: string) => gzipSync(readFileSync(`dist/web/${file}`)).length;
    // The largest language's first load, each with the chunks its catalog imports.
    const loads = LANGUAGE_CHUNKS.map((language) => withImports(manifest, [ENTRY, ...eager, language]));
    const sized = loads.map((files) => ({ files: files.size, bytes: [...files].reduce((sum, f) => sum + gz(f), 0) }));
    const largest = sized.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    return { gzipBytes: largest.bytes, files: largest.files };
  } catch {
    return { gzipBytes: null, files: 0 };
  }
}

/** The customer page at a queue's Reactive Chat URL. */
export function customerPageSize(): CustomerPageSize {
  return firstLoad([]);
}

/** The same page inside the website widget's frame: its embed chunk too. */
export function embedFrameSize(): CustomerPageSize {
  return firstLoad([EMBED_CHUNK]);
}
