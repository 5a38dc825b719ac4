// Rule: the catalog says who can hold each app role exactly as Entra's allowedMemberTypes allow it.
import { describe, expect, it } from 'vitest';
import { holdersOf } from './member-types';

describe('holdersOf', () => {
  it('names people, applications, both, or nobody', () => {
    expect(holdersOf(['User'])).toBe('people');
    expect(holdersOf(['Application'])).toBe('applications');
    expect(holdersOf(['Application', 'User'])).toBe('people and applications');
    expect(holdersOf([])).toBe('nobody');
  });
});
