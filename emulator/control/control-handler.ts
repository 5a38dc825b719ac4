import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorUrls, SurfaceHandler, SurfaceName } from '../context';
import { parseFaultSettings, type FaultState } from '../faults/fault-state';
import { HttpError } from '../http/http-error';
import { readJson } from '../http/read-body';
import { sendJson } from '../http/respond';
import { readPortalPermissions, setPortalPermissions, type PermissionTargets } from './permissions-control';
import type { RequestStats } from './request-stats';

export interface ControlOptions {
  faults: FaultState;
  stats: RequestStats;
  urls: () => EmulatorUrls;
  surfaces: SurfaceName[];
  /** What Roleport's identity is granted (undefined until the directory is seeded). */
  permissions?: () => PermissionTargets | undefined;
}

const fail = (res: ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { error: { code, message } });

/** The emulator's own control plane under /_emulator/: health, fault injection and request counts. */
export function createControlHandler(options: ControlOptions): SurfaceHandler {
  const { faults, stats } = options;

  async function route(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'https://x').pathname.replace(/\/+$/, '');
    const key = `${req.method} ${path}`;
    switch (key) {
      case 'GET /_emulator/health':
        return sendJson(res, 200, { status: 'ok', surfaces: options.surfaces, urls: options.urls() });
      case 'GET /_emulator/faults':
        return sendJson(res, 200, faults.snapshot());
      case 'POST /_emulator/faults': {
        const body = await readJson(req, () => new HttpError(400, 'InvalidJson', 'The body is not valid JSON.'));
        const settings = parseFaultSettings(body);
        if (typeof settings === 'string') return fail(res, 400, 'InvalidFaults', settings);
        faults.apply(settings);
        return sendJson(res, 200, faults.snapshot());
      }
      case 'DELETE /_emulator/faults':
        faults.clear();
        return sendJson(res, 200, faults.snapshot());
      case 'GET /_emulator/stats':
        return sendJson(res, 200, stats.snapshot());
      case 'POST /_emulator/stats/reset':
        stats.reset();
        return sendJson(res, 200, stats.snapshot());
      case 'GET /_emulator/permissions':
      case 'POST /_emulator/permissions': {
        const targets = options.permissions?.();
        if (!targets) return fail(res, 503, 'NotReady', 'The directory is not seeded yet.');
        if (req.method === 'POST') {
          const body = await readJson(req, () => new HttpError(400, 'InvalidJson', 'The body is not valid JSON.'));
          const problem = setPortalPermissions(targets, body);
          if (problem) return fail(res, 400, 'InvalidPermissions', problem);
        }
        return sendJson(res, 200, readPortalPermissions(targets));
      }
    }
    return fail(res, 404, 'NotFound', `No control endpoint ${key}.`);
  }

  return async (req, res) => {
    try {
      await route(req, res);
    } catch (err) {
      if (err instanceof HttpError) return fail(res, err.status, err.code, err.message);
      console.error('[emulator:control] request failed', err);
      fail(res, 500, 'InternalError', 'The control request failed.');
    }
  };
}
