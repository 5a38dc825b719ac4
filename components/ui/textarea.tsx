import { controlClass, type ControlSize } from './control-class';

export interface TextareaProps extends React.TextareaHTMLAttributes<HTMLTextAreaElement> {
  size?: ControlSize;
}

export function Textarea({ size, className, ...props }: TextareaProps) {
  return <textarea className={controlClass(size, className)} {...props} />;
}
