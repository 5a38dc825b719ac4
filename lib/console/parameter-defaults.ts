// What the console puts in a parameter before the person types: the operation's default, else for a date a day near today.
import type { ApimParameter } from '@/lib/azure/apim/types';

export type ParameterInputKind = 'date' | 'datetime' | 'text';

/** How the console asks for a parameter: a date picker for APIM's date types, text otherwise. */
export function parameterInputKind(parameter: Pick<ApimParameter, 'type'>): ParameterInputKind {
  if (/^date$/i.test(parameter.type)) return 'date';
  if (/^date-?time$/i.test(parameter.type)) return 'datetime';
  return 'text';
}

// A parameter named like the start of a period gets a week ago, so "from … to …" is a usable range at once.
const STARTS_A_PERIOD = /^(from|since|start|begin|after)/i;
const WEEK_MS = 7 * 86_400_000;

/** The starting value of a parameter: its declared default, or for a date today (a week ago for a period's start). */
export function parameterDefault(parameter: Pick<ApimParameter, 'name' | 'type' | 'defaultValue'>, now: Date): string {
  if (parameter.defaultValue) return parameter.defaultValue;
  const kind = parameterInputKind(parameter);
  if (kind === 'text') return '';
  const day = new Date(STARTS_A_PERIOD.test(parameter.name) ? now.getTime() - WEEK_MS : now.getTime());
  // Date inputs take "YYYY-MM-DD"; datetime-local inputs "YYYY-MM-DDTHH:mm" (sent as UTC).
  return kind === 'date' ? day.toISOString().slice(0, 10) : `${day.toISOString().slice(0, 10)}T00:00`;
}

/** The value sent to the gateway: a datetime picker's value as ISO 8601 UTC, anything else as typed. */
export function parameterWireValue(parameter: Pick<ApimParameter, 'type'>, value: string): string {
  return parameterInputKind(parameter) === 'datetime' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00Z` : value;
}
