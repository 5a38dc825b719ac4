import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorUrls, SurfaceHandler, SurfaceName } from '../context';
import { parseFaultSettings, type FaultState } from '../faults/fault-state';
import { HttpError } from '../http/http-error';
import { readJson } from '../http/read-body';
import { sendJson } from '../http/respond';
import type { MailOutbox } from '../mail/mail-outbox';
import { receiveTeamsMessage } from '../teams/incoming-webhook';
import type { TeamsChannels } from '../teams/teams-channel';
import { readPortalPermissions, setPortalPermissions, type PermissionTargets } from './permissions-control';
import type { RequestStats } from './request-stats';

export interface ControlOptions {
  faults: FaultState;
  stats: RequestStats;
  urls: () => EmulatorUrls;
  surfaces: SurfaceName[];
  /** What Roleport's identity is granted (undefined until the directory is seeded). */
  permissions?: () => PermissionTargets | undefined;
  /** Mail Graph's sendMail accepted (undefined until the directory is seeded). */
  mail?: () => MailOutbox | undefined;
  /** The local Teams incoming webhooks' channels. */
  teams: TeamsChannels;
}

const fail = (res: ServerResponse, status: number, code: string, message: string) => sendJson(res, status, { error: { code, message } });

/**
 * The emulator's own control plane under /_emulator/: health, fault injection, request counts, the mail outbox and the
 * local Teams incoming webhooks (POST /_emulator/teams/{channel}) with the cards they received.
 */
export function createControlHandler(options: ControlOptions): SurfaceHandler {
  const { faults, stats } = options;

  async function route(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'https://x').pathname.replace(/\/+$/, '');
    const key = `${req.method} ${path}`;
    const teamsChannel = /^POST \/_emulator\/teams\/([\w-]{1,64})$/.exec(key)?.[1];
    if (teamsChannel) return receiveTeamsMessage(req, res, teamsChannel, options.teams);
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
      case 'GET /_emulator/mail':
      case 'DELETE /_emulator/mail': {
        const outbox = options.mail?.();
        if (!outbox) return fail(res, 503, 'NotReady', 'The directory is not seeded yet.');
        if (req.method === 'DELETE') outbox.clear();
        return sendJson(res, 200, { value: outbox.list() });
      }
      case 'GET /_emulator/teams':
        return sendJson(res, 200, { value: options.teams.list() });
      case 'DELETE /_emulator/teams':
        options.teams.clear();
        return sendJson(res, 200, { value: [] });
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
