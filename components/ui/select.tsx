import { controlClass, type ControlSize } from './control-class';

export interface SelectProps extends Omit<React.SelectHTMLAttributes<HTMLSelectElement>, 'size'> {
  size?: ControlSize;
}

export function Select({ size, className, ...props }: SelectProps) {
  return <select className={controlClass(size, className)} {...props} />;
}
