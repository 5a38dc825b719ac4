import type { Page } from '@playwright/test';

/**
 * Collects what the browser reports against the page's Content-Security-Policy (console messages and
 * `securitypolicyviolation` events) and uncaught errors, for a test to assert that none occurred.
 */
export function watchCspViolations(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && /Content Security Policy|Content-Security-Policy/i.test(text)) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  void page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return problems;
}
