import { getCurrentUser } from '@/lib/auth/session';
import { checkReadiness } from '@/lib/health/check-readiness';

export const dynamic = 'force-dynamic';

/**
 * Readiness: database reachable, migrations current, Entra / ARM / Graph endpoints reachable. Load balancers need only
 * the status; which dependency failed and why (endpoints, error text) is for portal admins.
 */
export async function GET() {
  const checks = await checkReadiness();
  const ready = checks.every((c) => c.ok);
  const status = ready ? 'ready' : 'not-ready';
  const user = await getCurrentUser();
  const body = user?.isAdmin ? { status, checks } : { status };
  return Response.json(body, { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
