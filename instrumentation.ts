/** Next.js calls this once when a server process starts: the place to migrate and start background work. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startBackgroundWork } = await import('./lib/server/background-work');
  await startBackgroundWork();
}
