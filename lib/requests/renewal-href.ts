/** The request form filled in to renew one grant: the link in the expiry message, on the API page and on My access. */
export function renewalHref(apiId: string, roleId: string, grantId: string): string {
  return `/requests/new?${new URLSearchParams({ api: apiId, role: roleId, renew: grantId })}`;
}
