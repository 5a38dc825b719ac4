export interface NavItem {
  href: string;
  label: string;
  /** A badge count shown next to the label (e.g. pending approvals). */
  count?: number;
}

export const PORTAL_NAV: NavItem[] = [
  { href: '/', label: 'My access' },
  { href: '/apis', label: 'APIs' },
];

export const ADMIN_NAV: NavItem[] = [{ href: '/admin/catalog', label: 'Catalog sync' }];
