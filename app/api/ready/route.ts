import { checkReadiness } from '@/lib/health/check-readiness';

export const dynamic = 'force-dynamic';

/** Readiness: database reachable, migrations current, Entra / ARM / Graph endpoints reachable. */
export async function GET() {
  const checks = await checkReadiness();
  const ready = checks.every((c) => c.ok);
  return Response.json({ status: ready ? 'ready' : 'not-ready', checks }, { status: ready ? 200 : 503 });
}
