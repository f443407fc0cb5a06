import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.RC_API ?? 'http://127.0.0.1:3000';

/**
 * Socket.IO's binary support is dead weight: our events are JSON both ways (files go over HTTP),
 * so no packet carries an ArrayBuffer, Blob or File. Stubs that say so stand in for
 * socket.io-parser's two binary modules and engine.io-parser's base64 decoder (polling's binary
 * frames), only where those packages import them (≈0.7 KB gz in every page; the customer page's
 * and the widget frame's budgets, docs/ARCHITECTURE.md).
 */
const JSON_ONLY_STUBS: [RegExp, string[], string][] = [
  [/[\\/]socket\.io-parser[\\/]/, ['./binary.js', './is-binary.js'], 'shared/noSocketBinary.ts'],
  [/[\\/]engine\.io-parser[\\/]/, ['./contrib/base64-arraybuffer.js'], 'shared/noBase64Packets.ts'],
];
const jsonOnlySockets: Plugin = {
  name: 'json-only-sockets',
  enforce: 'pre',
  resolveId(source, importer) {
    const stub = importer && JSON_ONLY_STUBS.find(([where, sources]) => where.test(importer) && sources.includes(source));
    return stub ? resolve(root, stub[2]) : null;
  },
};

// One Vite build for the three browser apps; the server serves dist/web.
export default defineConfig({
  root,
  base: '/',
  publicDir: resolve(root, 'public'),
  plugins: [jsonOnlySockets],
  build: {
    outDir: resolve(root, '../dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    minify: 'terser',
    // dist/web/.vite/manifest.json: which chunks each page fetches, for the page-weight budgets (bench/report/pageWeight.ts). Not served.
    manifest: true,
    // Every browser we support has <link rel=modulepreload> (Chromium, Firefox 115+, Safari 17+): no polyfill in each page.
    modulePreload: { polyfill: false },
    terserOptions: { compress: { passes: 2 } },
    rollupOptions: {
      input: {
        customer: resolve(root, 'customer/index.html'),
        agent: resolve(root, 'agent/index.html'),
        admin: resolve(root, 'admin/index.html'),
        // The website widget's loader: a script of its own at a stable URL (/widget.js), no imports.
        widget: resolve(root, 'widget/loader.ts'),
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'widget' ? 'widget.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  resolve: {
    alias: [
      // Our server never offers WebTransport (Socket.IO's websocket and polling only), so engine.io-client's
      // WebTransport class is dead weight in every page: a stub that says so stands in for it (≈0.45 KB gz).
      { find: /^\.\/webtransport\.js$/, replacement: resolve(root, 'shared/noWebTransport.ts') },
    ],
  },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  server: {
    proxy: {
      '/api': apiTarget,
      '/static': apiTarget,
      '/socket.io': { target: apiTarget, ws: true },
    },
  },
});
