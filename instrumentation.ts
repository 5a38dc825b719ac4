/** Next.js calls this once when a server process starts (`next start`, `next dev` and the standalone server.js alike). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServerProcess } = await import('./lib/server/start-server-process');
  await startServerProcess();
}
