import Link from 'next/link';
import { buttonClass, type ButtonSize, type ButtonVariant } from './button-class';

type ButtonLinkProps = React.ComponentProps<typeof Link> & { variant?: ButtonVariant; size?: ButtonSize };

/** A navigation that looks like a button: still a link to assistive technology and to the browser. */
export function ButtonLink({ variant = 'primary', size, className, ...props }: ButtonLinkProps) {
  return <Link className={buttonClass(variant, size, className)} {...props} />;
}
