// Module hooks for the benchmark process: the portal's server modules import `server-only`, which throws
// outside the React server runtime; here it resolves to the package's empty module, as in the tests.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const empty = pathToFileURL(path.resolve('node_modules/server-only/empty.js')).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'server-only') return { url: empty, shortCircuit: true };
  return next(specifier, context);
}
