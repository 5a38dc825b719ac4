/** Only same-site paths are allowed as a post-sign-in destination (no open redirects). */
export function safeCallbackUrl(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/signin') || value.startsWith('/signout')) return '/';
  return value;
}
