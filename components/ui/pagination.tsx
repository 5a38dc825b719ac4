import Link from 'next/link';
import { plural } from '@/lib/text/plural';

export interface PaginationProps {
  /** 1-based; clamped to the pages there are. */
  page: number;
  pageSize: number;
  total: number;
  /** The counted noun, singular and plural ("API", "APIs"). */
  noun: [string, string];
  /** The link to page `n`, carrying the filters, so a reload or a shared link shows the same page. */
  href: (n: number) => string;
}

/** Where one is in a long list ("Showing 25–48 of 500 APIs") and links to the pages either side. */
export function Pagination({ page, pageSize, total, noun, href }: PaginationProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(Math.max(1, page), pages);
  const from = total === 0 ? 0 : (current - 1) * pageSize + 1;
  const to = Math.min(total, current * pageSize);
  const link = 'rounded-md px-2 py-1 font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300';
  return (
    <nav aria-label="Pages" className="mt-6 flex flex-wrap items-center justify-center gap-4 text-sm" data-testid="pagination">
      {current > 1 ? (
        <Link href={href(current - 1)} className={link} rel="prev">
          ← Previous
        </Link>
      ) : null}
      <span data-testid="page-position">
        {total <= pageSize ? plural(total, ...noun) : `Showing ${from}–${to} of ${plural(total, ...noun)} · page ${current} of ${pages}`}
      </span>
      {current < pages ? (
        <Link href={href(current + 1)} className={link} rel="next">
          Next →
        </Link>
      ) : null}
    </nav>
  );
}
