/**
 * After a refused submit, moves focus to the first control marked invalid (aria-invalid, as Field marks it), once
 * React has painted the errors, so keyboard and screen-reader users land on what to fix and hear its message.
 */
export function focusFirstInvalid(form: HTMLElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
