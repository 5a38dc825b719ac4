// Page times for concurrent signed-in users: the first view after sign-in (cold) and repeated views (warm), with the
// server CPU and the bytes each view cost.
import type { HttpSession } from './http-session';
import { timed } from './numbers';
import { processTreeCpuMs } from './process-cpu';

export type PageKind = 'catalog' | 'api' | 'approvals' | 'myAccess';

export const PAGE_LABELS: Record<PageKind, string> = {
  catalog: 'Catalog page',
  api: 'API page',
  approvals: 'Approval queue',
  myAccess: 'My access',
};

export interface PageMeasure {
  kind: PageKind;
  cold: number[];
  warm: number[];
  /** Server CPU (the portal process and its children) per view in each batch. */
  coldCpuMs: number;
  warmCpuMs: number;
  /** The HTML document of a full load (its RSC payload inlined), and the RSC payload of a client-side navigation. */
  htmlBytes: number;
  rscBytes: number;
}

async function view(session: HttpSession, url: string): Promise<{ ms: number; bytes: number }> {
  const { ms, value } = await timed(async () => {
    const response = await session.request(url);
    return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
  });
  if (value.status !== 200) throw new Error(`GET ${url} answered ${value.status}`);
  return { ms, bytes: value.bytes };
}

/** What a client-side navigation to `url` downloads: the page's RSC payload (Next may redirect once to add `_rsc`). */
export async function rscBytes(session: HttpSession, url: string): Promise<number> {
  let target = url;
  for (let hop = 0; hop < 3; hop++) {
    const response = await session.request(target, { headers: { RSC: '1' } });
    const body = await response.arrayBuffer();
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      target = new URL(location, target).toString();
      continue;
    }
    if (response.status !== 200) throw new Error(`RSC GET ${target} answered ${response.status}`);
    return body.byteLength;
  }
  throw new Error(`RSC GET ${url} kept redirecting`);
}

/** One user alone, one view after another: what a page costs the server without queueing behind others. */
export async function measureAlone(
  session: HttpSession,
  url: string,
  views: number,
  pid?: number,
): Promise<{ ms: number[]; cpuMs: number }> {
  const out: number[] = [];
  const before = processTreeCpuMs(pid);
  for (let n = 0; n < views; n++) out.push((await view(session, url)).ms);
  return { ms: out, cpuMs: (processTreeCpuMs(pid) - before) / views };
}

/** Every session views its page once (cold), then `warmViews` more times; all sessions at once. */
export async function measurePage(
  kind: PageKind,
  sessions: HttpSession[],
  urlOf: (i: number) => string,
  warmViews: number,
  pid: number | undefined,
): Promise<PageMeasure> {
  const cpu0 = processTreeCpuMs(pid);
  const cold = await Promise.all(sessions.map((session, i) => view(session, urlOf(i))));
  const cpu1 = processTreeCpuMs(pid);
  const warm: number[] = [];
  let bytes = 0;
  await Promise.all(
    sessions.map(async (session, i) => {
      for (let n = 0; n < warmViews; n++) {
        const seen = await view(session, urlOf(i));
        warm.push(seen.ms);
        bytes += seen.bytes;
      }
    }),
  );
  const cpu2 = processTreeCpuMs(pid);
  return {
    kind,
    cold: cold.map((c) => c.ms),
    warm,
    coldCpuMs: (cpu1 - cpu0) / sessions.length,
    warmCpuMs: (cpu2 - cpu1) / warm.length,
    htmlBytes: Math.round(bytes / Math.max(1, warm.length)),
    rscBytes: await rscBytes(sessions[0] as HttpSession, urlOf(0)),
  };
}
