// Rule: the Approvals badge shows the count up to its cap, then "99+", and says the same to screen readers.
import { describe, expect, it } from 'vitest';
import { APPROVALS_BADGE_CAP } from '@/lib/approvals/approvals-badge-cap';
import { badgeText } from './nav-items';

describe('badgeText', () => {
  it('shows a count under the cap as it is', () => {
    expect(badgeText(7)).toEqual({ text: '7', label: '7 pending' });
    expect(badgeText(APPROVALS_BADGE_CAP - 1)).toEqual({ text: '99', label: '99 pending' });
  });

  it('shows a count at the cap, where counting stops, as more than the last exact number', () => {
    expect(badgeText(APPROVALS_BADGE_CAP)).toEqual({ text: '99+', label: 'more than 99 pending' });
  });
});
