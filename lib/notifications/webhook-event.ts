/** What Roleport tells a webhook about a request; no justification text (it may hold internal detail). */
export interface WebhookEvent {
  type: 'request.submitted' | 'request.decided' | 'request.activated' | 'request.failed' | 'request.ended';
  requestId: string;
  status: string;
  apiId: string;
  roleValue: string;
  requester: { oid: string; name: string };
  /** Who caused the change; null for Roleport's workers. */
  actor: { oid: string | null; name: string };
  detail?: string;
  /** Set for a product subscription request (whose apiId is empty and roleValue names the product). */
  kind?: 'subscription';
  productId?: string;
  at: string;
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
