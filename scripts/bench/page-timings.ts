// Page times for concurrent signed-in users: the first view after sign-in (cold) and repeated views (warm).
import type { HttpSession } from './http-session';
import { timed } from './numbers';

export interface PageSamples {
  catalogCold: number[];
  apiCold: number[];
  catalogWarm: number[];
  apiWarm: number[];
}

export const pageBytes = new Map<string, number>();

async function view(session: HttpSession, url: string): Promise<number> {
  const { ms, value } = await timed(async () => {
    const response = await session.request(url);
    const html = await response.text();
    return { status: response.status, html };
  });
  if (value.status !== 200) throw new Error(`GET ${url} answered ${value.status}`);
  pageBytes.set(new URL(url).pathname.startsWith('/apis/') ? 'api' : 'catalog', Buffer.byteLength(value.html));
  return ms;
}

/** One user alone, one page after another: what a page costs the server without queueing behind others. */
export async function measureAlone(
  portalUrl: string,
  session: HttpSession,
  apiId: string,
  views = 10,
): Promise<{ catalog: number[]; api: number[] }> {
  const out = { catalog: [] as number[], api: [] as number[] };
  for (let n = 0; n < views; n++) {
    out.catalog.push(await view(session, `${portalUrl}/apis`));
    out.api.push(await view(session, `${portalUrl}/apis/${encodeURIComponent(apiId)}`));
  }
  return out;
}

/** Every session views the catalog and one API page once, then `warmViews` more times each; all sessions at once. */
export async function measurePages(portalUrl: string, sessions: HttpSession[], apiIds: string[], warmViews = 20): Promise<PageSamples> {
  const samples: PageSamples = { catalogCold: [], apiCold: [], catalogWarm: [], apiWarm: [] };
  await Promise.all(
    sessions.map(async (session, i) => {
      const apiUrl = `${portalUrl}/apis/${encodeURIComponent(apiIds[i % apiIds.length] as string)}`;
      samples.catalogCold.push(await view(session, `${portalUrl}/apis`));
      samples.apiCold.push(await view(session, apiUrl));
      for (let n = 0; n < warmViews; n++) {
        samples.catalogWarm.push(await view(session, `${portalUrl}/apis`));
        samples.apiWarm.push(await view(session, apiUrl));
      }
    }),
  );
  return samples;
}
