// Ports of the standalone e2e, next to the main e2e's (E2E_PORT, E2E_EMULATOR_PORT) so both can run on one machine.
const portal = Number(process.env.E2E_PORT ?? 3100);
const emulator = Number(process.env.E2E_EMULATOR_PORT ?? 9443);

export const STANDALONE_PORTS = {
  /** `node server.js` (plain HTTP, like the container's port). */
  server: portal + 10,
  /** The TLS front standing for Container Apps' ingress: the public URL. */
  front: portal + 20,
  /** First of the emulator's four ports. */
  emulator: emulator + 10,
  /** Production servers of the shutdown and two-replica tests and the replica bench (n = 0..29). */
  extra: (n: number) => portal + 30 + n,
};
