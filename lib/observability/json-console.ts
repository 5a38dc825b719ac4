// No `server-only` marker: installed from the instrumentation hook before anything else logs.
import { format } from 'node:util';
import { logEvent, type LogLevel } from './log-event';

const holder = globalThis as typeof globalThis & { roleportConsole?: Pick<Console, 'log' | 'info' | 'warn' | 'error' | 'debug'> };

/**
 * Turns a console call into one event: the text parts form the message, an Error becomes `err`, and a plain object
 * (the code's `console.warn('…', { id })` habit) its fields. Everything goes through the same redaction.
 */
function consoleEvent(level: LogLevel, args: unknown[]): void {
  const text: unknown[] = [];
  const fields: Record<string, unknown> = {};
  for (const arg of args) {
    if (arg instanceof Error) fields.err = arg;
    else if (arg !== null && typeof arg === 'object' && Object.getPrototypeOf(arg) === Object.prototype && text.length > 0) {
      Object.assign(fields, arg);
    } else text.push(arg);
  }
  logEvent(level, format(...text), fields);
}

/**
 * Routes console.log/info/warn/error/debug through the JSON logger, so every line the server writes (its own, the
 * workers', Next.js's) is one structured, redacted event. Idempotent; `restoreConsole` undoes it (tests).
 */
export function installJsonConsole(): void {
  if (holder.roleportConsole) return;
  holder.roleportConsole = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  console.log = (...args: unknown[]) => consoleEvent('info', args);
  console.info = (...args: unknown[]) => consoleEvent('info', args);
  console.warn = (...args: unknown[]) => consoleEvent('warn', args);
  console.error = (...args: unknown[]) => consoleEvent('error', args);
  console.debug = (...args: unknown[]) => consoleEvent('debug', args);
}

export function restoreConsole(): void {
  const saved = holder.roleportConsole;
  if (!saved) return;
  Object.assign(console, saved);
  holder.roleportConsole = undefined;
}
