import type { NextRequest } from 'next/server';
import { parseAuditSearch } from '@/lib/audit/parse-audit-filters';
import { exportAuditLog } from '@/lib/audit/export-audit-log';
import { getCurrentUser } from '@/lib/auth/session';
import { getConfig } from '@/lib/env';
import { isSameOriginRequest } from '@/lib/http/same-origin';

export const dynamic = 'force-dynamic';

const refuse = (status: 401 | 403, code: string, message: string) =>
  Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });

/**
 * The audit log as CSV, streamed page by page. A POST (the audit page's Export button), because taking a copy is itself
 * recorded in the log: a GET, which any link or prefetch can trigger, never writes. A route handler cannot redirect like
 * a page, so it answers 401/403 itself.
 */
export async function POST(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) return refuse(401, 'unauthenticated', 'Sign in to export the audit log.');
  if (!user.isAdmin) return refuse(403, 'forbidden', 'Only a portal admin can export the audit log.');
  if (!isSameOriginRequest(request, getConfig().publicUrl))
    return refuse(403, 'cross_site', 'The audit log can only be exported from Roleport’s audit page.');

  const { filter } = parseAuditSearch(request.nextUrl.searchParams);
  const chunks = await exportAuditLog(user, filter);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error('[audit-export]', error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="roleport-audit-${day}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
