/**
 * One value per server process, shared by every copy of the module that asks for it. Next.js evaluates the
 * instrumentation (workers), pages, actions and route handlers as separate module graphs in one process, and a
 * dev-server reload evaluates modules again, so a module-level variable would exist several times. The value lives on
 * globalThis under `Symbol.for('roleport.<name>')`; `create` runs once per process. Keep changing state inside the
 * returned object (a Map, a Set, or `{ current }`).
 */
export function processSingleton<T extends object>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`roleport.${name}`);
  return (store[key] ??= create());
}
