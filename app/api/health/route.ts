export const dynamic = 'force-dynamic';

/** Liveness: the process is up and serving. Readiness (dependencies) is /api/ready. */
export function GET() {
  return Response.json({ status: 'ok', time: new Date().toISOString() });
}
