import { controlClass, type ControlSize } from './control-class';

export interface InputProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'size'> {
  size?: ControlSize;
}

/** A text-like input styled once; checkboxes and radios stay native. */
export function Input({ size, className, ...props }: InputProps) {
  return <input className={controlClass(size, className)} {...props} />;
}
