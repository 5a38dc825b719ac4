// Rule: date parameters are asked with a date picker and start on a sensible day; declared defaults win; datetimes go out as ISO 8601 UTC.
import { describe, expect, it } from 'vitest';
import { parameterDefault, parameterInputKind, parameterWireValue } from './parameter-defaults';

const now = new Date('2026-11-30T10:00:00Z');

describe('parameterInputKind', () => {
  it('picks a date or datetime picker from APIM’s parameter type', () => {
    expect(parameterInputKind({ type: 'date' })).toBe('date');
    expect(parameterInputKind({ type: 'dateTime' })).toBe('datetime');
    expect(parameterInputKind({ type: 'date-time' })).toBe('datetime');
    expect(parameterInputKind({ type: 'string' })).toBe('text');
  });
});

describe('parameterDefault', () => {
  it('starts a period a week ago and ends it today', () => {
    expect(parameterDefault({ name: 'from', type: 'date' }, now)).toBe('2026-11-23');
    expect(parameterDefault({ name: 'since', type: 'date' }, now)).toBe('2026-11-23');
    expect(parameterDefault({ name: 'to', type: 'date' }, now)).toBe('2026-11-30');
    expect(parameterDefault({ name: 'at', type: 'dateTime' }, now)).toBe('2026-11-30T00:00');
  });

  it('keeps the operation’s declared default and leaves other text empty', () => {
    expect(parameterDefault({ name: 'from', type: 'date', defaultValue: '2026-01-01' }, now)).toBe('2026-01-01');
    expect(parameterDefault({ name: 'status', type: 'string' }, now)).toBe('');
  });
});

describe('parameterWireValue', () => {
  it('sends a picked datetime as UTC and everything else as typed', () => {
    expect(parameterWireValue({ type: 'dateTime' }, '2026-11-30T08:15')).toBe('2026-11-30T08:15:00Z');
    expect(parameterWireValue({ type: 'date' }, '2026-11-30')).toBe('2026-11-30');
    expect(parameterWireValue({ type: 'string' }, 'T08:15')).toBe('T08:15');
  });
});
