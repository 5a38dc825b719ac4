/** What Roleport tells a webhook about a request; no justification text (it may hold internal detail). */
export interface WebhookEvent {
  type: 'request.submitted' | 'request.decided' | 'request.activated' | 'request.failed' | 'request.ended';
  requestId: string;
  status: string;
  apiId: string;
  roleValue: string;
  requester: { oid: string; name: string };
  /** The workload the role is for (a client service principal); absent when it is for the requester. */
  principal?: WebhookPrincipal;
  /** Who caused the change; null for Roleport's workers. */
  actor: { oid: string | null; name: string };
  detail?: string;
  /** Set for a product subscription request (whose apiId is empty and roleValue names the product). */
  kind?: 'subscription';
  productId?: string;
  at: string;
}

export interface WebhookPrincipal {
  type: 'service-principal';
  id: string;
  appId: string | null;
  displayName: string | null;
}

/** The workload principal of a request row, for its webhook events. */
export function webhookPrincipal(row: {
  principal_type: string;
  principal_id: string | null;
  client_app_id: string | null;
  client_display_name: string | null;
}): { principal?: WebhookPrincipal } {
  if (row.principal_type !== 'service-principal' || !row.principal_id) return {};
  return { principal: { type: 'service-principal', id: row.principal_id, appId: row.client_app_id, displayName: row.client_display_name } };
}

/** Which request a webhook event is about, read from its stored row: its id, API and role, requester and workload. */
export function requestEventFields(
  row: Parameters<typeof webhookPrincipal>[0] & {
    id: string;
    api_id: string;
    role_value: string;
    requester_oid: string;
    requester_name: string;
  },
): Pick<WebhookEvent, 'requestId' | 'apiId' | 'roleValue' | 'requester' | 'principal'> {
  return {
    requestId: row.id,
    apiId: row.api_id,
    roleValue: row.role_value,
    requester: { oid: row.requester_oid, name: row.requester_name },
    ...webhookPrincipal(row),
  };
}

/** An approval rule switched to auto-approve: from now on requests for it are granted without a person deciding. */
export interface RuleWebhookEvent {
  type: 'approval_rule.auto_approve_enabled';
  ruleId: string;
  apiId: string;
  /** null = every role of the API. */
  roleValue: string | null;
  actor: { oid: string | null; name: string };
  at: string;
}
