import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorUrls, SurfaceHandler, TokenVerifier } from '../context';
import type { Directory } from '../directory/directory';
import { HttpError } from '../http/http-error';
import { surfaceErrorWriters } from '../http/surface-errors';
import { applicationsRoute } from './applications-routes';
import type { GraphCall } from './graph-call';
import { segmentNotFound } from './graph-errors';
import { groupsRoute } from './groups-routes';
import { meRoute } from './me-routes';
import { permissionGrantsRoute } from './permission-grants-routes';
import { servicePrincipalsRoute } from './service-principals-routes';
import { usersRoute } from './users-routes';

export interface GraphHandlerOptions {
  directory: Directory;
  tokens: TokenVerifier;
  urls: EmulatorUrls;
}

/** `servicePrincipals(appId='…')` addresses an object by its appId instead of its id. */
const BY_APP_ID = /^(\w+)\(appId='([^']+)'\)$/i;

/** Microsoft Graph v1.0: the applications, servicePrincipals, users and groups calls Roleport makes. */
export function createGraphHandler(options: GraphHandlerOptions): SurfaceHandler {
  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', options.urls.graphEndpoint);
    const segments = url.pathname
      .split('/')
      .filter(Boolean)
      .map((s) => {
        try {
          return decodeURIComponent(s);
        } catch {
          throw segmentNotFound(s);
        }
      });
    if (segments[0] !== 'v1.0') throw new HttpError(400, 'BadRequest', `Invalid version: ${segments[0] ?? ''}`);
    const call: GraphCall = { req, res, url, dir: options.directory, tokens: options.tokens, origin: options.urls.graphEndpoint };
    const [head, key, ...rest] = segments.slice(1);
    if (!head) throw segmentNotFound('v1.0');
    const byAppId = BY_APP_ID.exec(head);
    const collection = (byAppId?.[1] ?? head).toLowerCase();
    // With (appId='…') the key segment is the navigation property.
    const [objectKey, nav, navKey] = byAppId ? [undefined, key, rest[0]] : [key, rest[0], rest[1]];
    const appId = byAppId?.[2];
    switch (collection) {
      case 'applications':
        return applicationsRoute(call, objectKey, appId, nav);
      case 'serviceprincipals':
        return servicePrincipalsRoute(call, objectKey, appId, nav, navKey);
      case 'users':
        if (byAppId) break;
        return usersRoute(call, key, rest[0]);
      case 'groups':
        if (byAppId) break;
        return groupsRoute(call, key, rest);
      case 'me':
        if (byAppId || rest.length > 1) break;
        return meRoute(call, key, rest[0]);
      case 'oauth2permissiongrants':
        if (byAppId || rest.length > 0) break;
        return permissionGrantsRoute(call, key);
    }
    throw segmentNotFound(head);
  }

  return async (req, res) => {
    try {
      await route(req, res);
    } catch (err) {
      if (err instanceof HttpError) return surfaceErrorWriters.graph(req, res, err);
      console.error('[emulator:graph] request failed', err);
      surfaceErrorWriters.graph(req, res, new HttpError(500, 'UnknownError', 'An unexpected error occurred.'));
    }
  };
}
