'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { badgeText, type NavItem } from './nav-items';

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

function CountBadge({ count }: { count: number }) {
  const { text, label } = badgeText(count);
  return (
    <span className="ml-1.5 rounded-full bg-brand-600 px-1.5 py-0.5 text-xs text-white" aria-label={label}>
      {text}
    </span>
  );
}

export function NavLinks({ items, label }: { items: NavItem[]; label: string }) {
  const pathname = usePathname();
  return (
    <ul aria-label={label} className="flex flex-wrap items-center gap-1">
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href} aria-current={isActive(pathname, item.href) ? 'page' : undefined} className="nav-link">
            {item.label}
            {item.count ? <CountBadge count={item.count} /> : null}
          </Link>
        </li>
      ))}
    </ul>
  );
}
