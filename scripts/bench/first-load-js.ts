// First-load JavaScript per page route, gzip-compressed, from a production build: what a browser downloads to show the
// route on its first visit. Read from Next's manifests: build-manifest.json's `rootMainFiles` (the runtime every page
// loads) plus every chunk the page's client reference manifest lists for its segments (layouts, error and not-found
// boundaries, the page). Polyfills (served only to browsers without modules) are not counted.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';

export interface RouteJs {
  route: string;
  files: number;
  gzipBytes: number;
}

function clientManifestChunks(distDir: string, appPath: string): string[] {
  const file = path.join(distDir, 'server', 'app', `${appPath}_client-reference-manifest.js`);
  if (!existsSync(file)) return [];
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  sandbox.globalThis = sandbox;
  runInNewContext(readFileSync(file, 'utf8'), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[appPath];
  return Object.values(manifest?.entryJSFiles ?? {}).flat();
}

/** Every page route with the files its first load fetches: the runtime, then its segments' chunks, each once. */
export function routeChunks(distDir: string): { route: string; files: string[] }[] {
  const build = JSON.parse(readFileSync(path.join(distDir, 'build-manifest.json'), 'utf8')) as { rootMainFiles?: string[] };
  const routes = JSON.parse(readFileSync(path.join(distDir, 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
  return Object.entries(routes)
    .filter(([appPath]) => appPath.endsWith('/page') && !appPath.startsWith('/_'))
    .map(([appPath, route]) => ({
      route,
      files: [...new Set([...(build.rootMainFiles ?? []), ...clientManifestChunks(distDir, appPath)])],
    }));
}

export function firstLoadJs(distDir: string): RouteJs[] {
  const sizes = new Map<string, number>();
  const gzipped = (file: string) => {
    let size = sizes.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).byteLength;
      sizes.set(file, size);
    }
    return size;
  };
  return routeChunks(distDir)
    .map(({ route, files }) => ({ route, files: files.length, gzipBytes: files.reduce((sum, file) => sum + gzipped(file), 0) }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/**
 * Zod's schema classes register under names like "$ZodType" and "$ZodError", string literals that survive
 * minification: a chunk holding them holds zod.
 */
export const ZOD_MARKER = /"\$Zod(Type|Error)"/;

/** The page routes whose first load fetches a chunk matching `marker` (e.g. a library's own strings), sorted. */
export function routesShipping(distDir: string, marker: RegExp): string[] {
  const matches = new Map<string, boolean>();
  const holds = (file: string) => {
    if (!matches.has(file)) matches.set(file, marker.test(readFileSync(path.join(distDir, file), 'utf8')));
    return matches.get(file) === true;
  };
  return routeChunks(distDir)
    .filter(({ files }) => files.some(holds))
    .map(({ route }) => route)
    .sort();
}

export function firstLoadJsTable(rows: RouteJs[]): string {
  const width = Math.max(5, ...rows.map((r) => r.route.length));
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  return [
    `${'Route'.padEnd(width)}  First-load JS (gzip)  Files`,
    `${'-'.repeat(width)}  --------------------  -----`,
    ...rows.map((r) => `${r.route.padEnd(width)}  ${kb(r.gzipBytes).padStart(20)}  ${String(r.files).padStart(5)}`),
  ].join('\n');
}
