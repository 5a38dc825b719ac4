import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One thing a client can call: a page (GET), a route handler method, or a server action. */
export interface Endpoint {
  /** The table key: `page /requests/[id]`, `route GET /api/health`, `action app/(portal)/requests/actions.ts#cancelRequestAction`. */
  key: string;
  kind: 'page' | 'route' | 'action';
  /** The URL pattern with route groups removed (`/requests/[id]`); for actions, the page the action is posted to. */
  path: string;
  method: string;
  actionId?: string;
}

const ROOTS = ['app', 'components'];

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full.split(path.sep).join('/')];
  });
}

/** `app/(portal)/requests/[id]/page.tsx` → `/requests/[id]`: route groups do not appear in URLs. */
export function urlPatternOf(file: string): string {
  const segments = path.posix.dirname(file).split('/').slice(1);
  return `/${segments.filter((s) => !(s.startsWith('(') && s.endsWith(')'))).join('/')}`;
}

const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/** Exported HTTP methods of a route module: `export function GET`, `export const POST =`, `export { handler as GET }`. */
function routeMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+([A-Z]+)\b/g)) found.add(m[1] ?? '');
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] ?? '').split(','))
      found.add(
        part
          .split(/\s+as\s+/)
          .at(-1)
          ?.trim() ?? '',
      );
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

/** Exported functions of a 'use server' module: every one is callable by any client that knows its id. */
function actionNames(source: string): string[] {
  return [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g), ...source.matchAll(/export\s+const\s+(\w+)\s*=/g)].map(
    (m) => m[1] ?? '',
  );
}

const isServerModule = (source: string) => /^\s*(['"])use server\1/.test(source.replace(/^(\s*\/\/.*\n|\s*\/\*[\s\S]*?\*\/)*/, ''));

interface ManifestEntry {
  workers: Record<string, unknown>;
  filename?: string;
  exportedName?: string;
}

/** Every page, route handler method and server action in the source tree, with action ids from the build. */
export function listEndpoints(manifestFile = '.next/server/server-reference-manifest.json'): Endpoint[] {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { node: Record<string, ManifestEntry> };
  const files = ROOTS.flatMap(walk).sort();
  const endpoints: Endpoint[] = [];
  for (const file of files) {
    const base = path.posix.basename(file);
    if (base === 'page.tsx' || base === 'page.ts') {
      endpoints.push({ key: `page ${urlPatternOf(file)}`, kind: 'page', path: urlPatternOf(file), method: 'GET' });
    } else if (base === 'route.ts') {
      for (const method of routeMethods(readFileSync(file, 'utf8'))) {
        endpoints.push({ key: `route ${method} ${urlPatternOf(file)}`, kind: 'route', path: urlPatternOf(file), method });
      }
    } else if (/\.(ts|tsx)$/.test(base) && !/\.test\.tsx?$/.test(base) && isServerModule(readFileSync(file, 'utf8'))) {
      for (const name of actionNames(readFileSync(file, 'utf8'))) {
        const entry = Object.entries(manifest.node).find(([, e]) => e.filename === file && e.exportedName === name);
        const worker = entry ? Object.keys(entry[1].workers).find((w) => w.endsWith('/page')) : undefined;
        const postTo = worker ? urlPatternOf(`${worker}.tsx`) : '/';
        endpoints.push({ key: `action ${file}#${name}`, kind: 'action', path: postTo, method: 'POST', actionId: entry?.[0] });
      }
    }
  }
  return endpoints;
}
