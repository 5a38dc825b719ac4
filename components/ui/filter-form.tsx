import { Button } from './button';
import { ButtonLink } from './button-link';
import { cx } from './cx';

/**
 * A plain GET search form over a list: the filters stay in the URL and work without JavaScript. Apply submits them;
 * Clear, when the caller passes where the unfiltered list lives, goes back there.
 */
export function FilterForm({ clearHref, className, children }: { clearHref?: string; className?: string; children: React.ReactNode }) {
  return (
    <form role="search" method="get" className={cx('flex flex-wrap items-end gap-3', className)}>
      {children}
      <Button type="submit" variant="primary" size="md">
        Apply
      </Button>
      {clearHref ? (
        <ButtonLink href={clearHref} variant="ghost" size="md">
          Clear
        </ButtonLink>
      ) : null}
    </form>
  );
}
