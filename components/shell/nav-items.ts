import { APPROVALS_BADGE_CAP } from '@/lib/approvals/approvals-badge-cap';

export interface NavItem {
  href: string;
  label: string;
  /** A badge count shown next to the label (e.g. pending approvals). */
  count?: number;
}

/** A badge's text and its spoken name: a count at the cap reads "99+", as the count stops there. */
export function badgeText(count: number, cap = APPROVALS_BADGE_CAP): { text: string; label: string } {
  return count >= cap ? { text: `${cap - 1}+`, label: `more than ${cap - 1} pending` } : { text: String(count), label: `${count} pending` };
}

export const PORTAL_NAV: NavItem[] = [
  { href: '/', label: 'My access' },
  { href: '/apis', label: 'APIs' },
  { href: '/products', label: 'Products' },
  { href: '/subscriptions', label: 'Subscriptions' },
  { href: '/requests', label: 'Requests' },
  { href: '/apps', label: 'My apps' },
  { href: '/console', label: 'Console' },
  { href: '/tokens', label: 'Token doctor' },
];

/** Approvers (admins and app owners) see the queue; the rest is for portal admins. */
export function adminNav(options: { isAdmin: boolean; isApprover: boolean; pendingApprovals: number }): NavItem[] {
  const items: NavItem[] = [];
  if (options.isApprover) items.push({ href: '/admin/requests', label: 'Approvals', count: options.pendingApprovals });
  if (options.isAdmin) {
    items.push(
      { href: '/admin/access', label: 'Who has what' },
      { href: '/admin/apis', label: 'Policy studio' },
      { href: '/admin/drift', label: 'Drift' },
      { href: '/admin/audit', label: 'Audit' },
      { href: '/admin/settings', label: 'Rules' },
      { href: '/admin/doctor', label: 'Doctor' },
      { href: '/admin/catalog', label: 'Catalog sync' },
    );
  }
  return items;
}
