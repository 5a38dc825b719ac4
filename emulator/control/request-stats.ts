import type { SurfaceName } from '../context';

const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Request counts per surface and per `METHOD /path/pattern`, so benchmarks can count calls. */
export class RequestStats {
  private counts = new Map<SurfaceName, Map<string, number>>();

  record(surface: SurfaceName, method: string, rawPath: string) {
    const path = decodeSafe(rawPath.split('?')[0] ?? '/').replace(GUID, '{id}');
    const key = `${method.toUpperCase()} ${path}`;
    const routes = this.counts.get(surface) ?? new Map<string, number>();
    routes.set(key, (routes.get(key) ?? 0) + 1);
    this.counts.set(surface, routes);
  }

  reset() {
    this.counts.clear();
  }

  snapshot() {
    const surfaces: Record<string, { total: number; routes: Record<string, number> }> = {};
    for (const [surface, routes] of this.counts) {
      let total = 0;
      for (const n of routes.values()) total += n;
      surfaces[surface] = { total, routes: Object.fromEntries([...routes].sort(([a], [b]) => a.localeCompare(b))) };
    }
    return { surfaces };
  }
}

function decodeSafe(path: string) {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
