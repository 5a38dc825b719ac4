// Rule: an end date becomes the whole number of days from today, so a date picked in the form is checked like a fixed choice.
import { describe, expect, it } from 'vitest';
import { dateAfter, daysUntil } from './duration-date';

const now = new Date('2026-11-30T18:45:00Z');

describe('daysUntil', () => {
  it('counts calendar days from today, whatever the time of day', () => {
    expect(daysUntil('2026-12-01', now)).toBe(1);
    expect(daysUntil('2027-11-30', now)).toBe(365);
    expect(daysUntil('2026-11-30', now)).toBe(0);
    expect(daysUntil('2026-11-01', now)).toBe(-29);
  });

  it('refuses what is not a calendar date', () => {
    expect(daysUntil('', now)).toBeNull();
    expect(daysUntil('2026-02-30', now)).toBeNull();
    expect(daysUntil('30/11/2026', now)).toBeNull();
  });
});

describe('dateAfter', () => {
  it('gives the date input value a number of days ahead, round-tripping with daysUntil', () => {
    expect(dateAfter(1, now)).toBe('2026-12-01');
    expect(daysUntil(dateAfter(90, now), now)).toBe(90);
  });
});
