// Module aliases every Vitest config of the project resolves with: the `@/` root and an inert `server-only`.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const portalAliases = [
  { find: /^@\//, replacement: `${root}/` },
  // Outside the React server runtime `server-only` throws on import; tests run server code directly.
  { find: /^server-only$/, replacement: `${root}/node_modules/server-only/empty.js` },
];
