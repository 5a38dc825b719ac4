import 'server-only';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Conventions shared by every table (same on SQLite and PostgreSQL):
// - timestamps are ISO-8601 UTC strings with milliseconds (`nowIso()`), so they sort as text;
// - columns named `*_json` in spirit (access, products, data, …) hold JSON text;
// - booleans are integers 0/1; ids are text UUIDs, except `audit_event.seq`.

/** JSON text as stored; parse with JSON.parse. */
export type JsonText = string;
/** 0 or 1. */
export type IntBool = 0 | 1;

export interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface CatalogProductTable extends Timestamps {
  id: string;
  display_name: string;
  description: string | null;
  subscription_required: IntBool;
  approval_required: IntBool;
  state: string;
  data: JsonText;
  terms: string | null;
  subscriptions_limit: number | null;
}

/** Who approves subscriptions to a product besides portal admins. */
export interface ProductRuleTable extends Timestamps {
  product_id: string;
  approver_group_id: string | null;
  /** The group's display name when the rule was saved. */
  approver_group_name: string | null;
}

/** A subscription as APIM last listed it. */
export interface CatalogSubscriptionTable extends Timestamps {
  id: string;
  /** Service-relative scope: `/products/{id}`, `/apis/{id}` or `/apis`. */
  scope: string;
  product_id: string | null;
  apim_user_id: string | null;
  /** The owner's Entra object id, from the APIM user's `aad` identity. */
  owner_oid: string | null;
  owner_email: string | null;
  display_name: string;
  state: string;
  created_date: string | null;
  synced_at: string;
}

export type AppSource = 'policy' | 'override' | 'none';

export interface CatalogApiTable extends Timestamps {
  id: string;
  display_name: string;
  description: string | null;
  path: string;
  service_url: string | null;
  gateway_base_url: string | null;
  subscription_required: IntBool;
  app_id: string | null;
  app_source: AppSource;
  /** Derived per-API token validation summary. */
  access: JsonText;
  /** Product ids (or summaries) the API belongs to. */
  products: JsonText;
  operation_count: number;
  /** Lower-cased text the catalog search matches against. */
  search_text: string;
  synced_at: string;
  sync_error: string | null;
  /** Changes whenever anything the index derives from the API changes. */
  fingerprint: string | null;
  /** ApiVersionInfo as JSON when the API is one version of an APIM version set. */
  version: JsonText | null;
}

export interface CatalogOperationTable extends Timestamps {
  api_id: string;
  id: string;
  display_name: string;
  method: string;
  url_template: string;
  description: string | null;
  tag: string | null;
  parameters: JsonText;
  request: JsonText;
  /** Required roles etc. for this operation. */
  access: JsonText;
}

export interface CatalogAppTable extends Timestamps {
  app_id: string;
  object_id: string;
  service_principal_id: string | null;
  display_name: string;
  identifier_uris: JsonText;
  /** requestedAccessTokenVersion; null means the v1 default. */
  token_version: number | null;
  app_roles: JsonText;
  owners: JsonText;
  /** Groups holding the app's roles: [{ groupId, groupName, roleId }]. */
  group_holdings: JsonText;
  synced_at: string;
}

export interface CatalogSyncTable extends Timestamps {
  /** 'all' or 'api:<id>'. */
  scope: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  error: string | null;
  calls: Generated<number>;
}

export interface ApiAppOverrideTable extends Timestamps {
  api_id: string;
  app_id: string;
  set_by: string;
}

export type RequestStatus =
  | 'pending'
  | 'approved'
  | 'provisioning'
  | 'active'
  | 'expired'
  | 'revoked'
  | 'rejected'
  | 'cancelled'
  | 'failed'
  /** A renewal approved while its grant was active: the grant's end date was extended and nothing else was granted. */
  | 'renewed';
export type GrantKind = 'direct' | 'group';

export interface AccessRequestTable extends Timestamps {
  id: string;
  requester_oid: string;
  requester_upn: string | null;
  requester_name: string;
  api_id: string;
  app_id: string;
  resource_sp_id: string;
  role_id: string;
  role_value: string;
  grant_kind: GrantKind;
  group_id: string | null;
  justification: string;
  duration_days: number | null;
  status: RequestStatus;
  /** The approval stage awaiting a decision (1 or 2). */
  stage: number;
  /** Optimistic-lock counter; every transition checks and increments it. */
  version: Generated<number>;
  assignment_id: string | null;
  expires_at: string | null;
  failure_reason: string | null;
  decided_at: string | null;
  activated_at: string | null;
  ended_at: string | null;
  /** The approval rule's terms when the request was submitted (JSON); null before migration 0005. */
  rule_snapshot: JsonText | null;
  /** Which grant the request is for; rows from before migration 0009 are app-role requests. */
  kind: Generated<RequestKind>;
  /** The APIM product of a subscription request. */
  product_id: string | null;
  /** The APIM subscription a subscription request creates (its id is fixed at submission, so retries never make a second). */
  subscription_id: string | null;
  /** Shared by the parts of one request that asks for a role and a subscription together. */
  bundle_id: string | null;
  /** Who gets the role: the requester, or a client service principal they own (migration 0010). */
  principal_type: Generated<PrincipalType>;
  /** The client service principal's object id; null for a user request (the principal is requester_oid). */
  principal_id: string | null;
  /** The client's application (client) id and name, as Graph named them at submission. */
  client_app_id: string | null;
  client_display_name: string | null;
  /** Graph's servicePrincipalType of the client: a managed identity has no owners, so an admin vouches for it. */
  client_sp_type: ClientSpType | null;
  /** A renewal: the active grant (another request) whose end date approving this one extends (migration 0014). */
  renews_request_id: Generated<string | null>;
}

export type PrincipalType = 'user' | 'service-principal';
export type ClientSpType = 'Application' | 'ManagedIdentity';

/** The client's owners when its request was submitted: none of them may decide it. */
export interface AccessRequestClientOwnerTable extends Timestamps {
  request_id: string;
  owner_oid: string;
}

export type RequestKind = 'app-role' | 'subscription';

export type Verdict = 'approve' | 'reject';

export interface AccessDecisionTable extends Timestamps {
  id: string;
  request_id: string;
  stage: number;
  approver_oid: string;
  approver_name: string;
  verdict: Verdict;
  note: string | null;
}

export type JobAction = 'assign' | 'revoke';

export interface ProvisioningJobTable extends Timestamps {
  id: string;
  request_id: string;
  action: JobAction;
  attempts: Generated<number>;
  next_run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
}

export interface ApprovalRuleTable extends Timestamps {
  id: string;
  api_id: string;
  /** null = the rule for the whole API. */
  role_value: string | null;
  auto_approve: IntBool;
  stages: 1 | 2;
  max_days: number | null;
  group_id: string | null;
}

export interface SettingsTable extends Timestamps {
  key: string;
  value: JsonText;
}

export interface WebhookDeliveryTable extends Timestamps {
  id: string;
  event: JsonText;
  attempts: Generated<number>;
  next_run_at: string;
  last_error: string | null;
  delivered_at: string | null;
}

export interface NotificationEventTable extends Timestamps {
  id: string;
  /** Unique: the same change queued twice is one event. */
  event_key: string;
  kind: string;
  request_id: string | null;
  payload: JsonText;
  attempts: Generated<number>;
  next_run_at: string;
  fanned_out_at: string | null;
  last_error: string | null;
}

export type NotificationChannel = 'email' | 'teams' | 'portal';

export interface NotificationDeliveryTable extends Timestamps {
  id: string;
  event_key: string;
  kind: string;
  /** A person's object id, or 'channel' for the Teams channel. */
  recipient: string;
  channel: NotificationChannel;
  /** The mail address for email; null otherwise (the Teams URL is configuration, never stored). */
  address: string | null;
  /** The rendered message (JSON). */
  message: JsonText;
  attempts: Generated<number>;
  next_run_at: string;
  sent_at: string | null;
  read_at: string | null;
  last_error: string | null;
}

export interface NotificationPreferenceTable extends Timestamps {
  user_oid: string;
  kind: string;
  channel: string;
  enabled: IntBool;
}

export interface PolicyVersionTable extends Timestamps {
  id: string;
  api_id: string;
  /** 'api' or 'operation:<id>'. */
  scope: string;
  etag: string | null;
  xml: string;
  applied_by: string;
  applied_at: string;
  /** Groups the versions written by one apply, so they roll back together. */
  batch_id: string | null;
}

export interface AuditEventTable extends Timestamps {
  seq: number;
  at: string;
  actor_oid: string | null;
  actor_name: string;
  action: string;
  subject_type: string;
  subject_id: string;
  before: JsonText | null;
  after: JsonText | null;
  data: JsonText;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable extends Timestamps {
  id: number;
  last_seq: number;
  last_hash: string;
}

/** A session ended by sign-out; its cookie is refused until the session would have expired anyway. */
export interface SessionRevocationTable extends Timestamps {
  session_id: string;
  revoked_at: string;
  expires_at: string;
}

/** The last comparison of one API's grants with Entra (report: JSON of the ReconcileReport, null when it failed). */
export interface ReconciliationRunTable extends Timestamps {
  api_id: string;
  ran_at: string;
  trigger: 'schedule' | 'admin';
  actor_name: string | null;
  report: JsonText | null;
  error: string | null;
}

/** How far the audit chain is verified; `mac` is an HMAC of seq and hash under the audit key (single row, id 1). */
export interface AuditCheckpointTable extends Timestamps {
  id: number;
  verified_seq: number;
  verified_hash: string;
  mac: string;
}

/** Calls one user made to one limited action in one fixed window. */
export interface RateLimitCounterTable extends Timestamps {
  /** The limited action, e.g. 'submit-request'. */
  bucket: string;
  /** The user's object id. */
  subject: string;
  window_start: string;
  count: number;
  expires_at: string;
}

/** An Event Grid event taken in (its id), so a redelivery is recognised on every replica. */
export interface CatalogEventReceiptTable extends Timestamps {
  event_id: string;
  event_type: string;
  subject: string;
  received_at: string;
}

/** A targeted catalog refresh waiting to run: `api:<id>` or `product:<id>`; claimed by one replica at a time. */
export interface CatalogRefreshQueueTable extends Timestamps {
  target: string;
  due_at: string;
  reason: string;
  generation: Generated<number>;
  claimed_by: string | null;
  claimed_until: string | null;
}

export interface Database {
  catalog_product: CatalogProductTable;
  product_rule: ProductRuleTable;
  catalog_subscription: CatalogSubscriptionTable;
  catalog_api: CatalogApiTable;
  catalog_operation: CatalogOperationTable;
  catalog_app: CatalogAppTable;
  catalog_sync: CatalogSyncTable;
  api_app_override: ApiAppOverrideTable;
  access_request: AccessRequestTable;
  access_request_client_owner: AccessRequestClientOwnerTable;
  access_decision: AccessDecisionTable;
  provisioning_job: ProvisioningJobTable;
  approval_rule: ApprovalRuleTable;
  settings: SettingsTable;
  webhook_delivery: WebhookDeliveryTable;
  policy_version: PolicyVersionTable;
  audit_event: AuditEventTable;
  audit_head: AuditHeadTable;
  session_revocation: SessionRevocationTable;
  reconciliation_run: ReconciliationRunTable;
  audit_checkpoint: AuditCheckpointTable;
  rate_limit_counter: RateLimitCounterTable;
  notification_event: NotificationEventTable;
  notification_delivery: NotificationDeliveryTable;
  notification_preference: NotificationPreferenceTable;
  catalog_event_receipt: CatalogEventReceiptTable;
  catalog_refresh_queue: CatalogRefreshQueueTable;
}

export type AccessRequestRow = Selectable<AccessRequestTable>;
export type NewAccessRequest = Insertable<AccessRequestTable>;
export type AccessRequestUpdate = Updateable<AccessRequestTable>;
export type AccessDecisionRow = Selectable<AccessDecisionTable>;
export type ProvisioningJobRow = Selectable<ProvisioningJobTable>;
export type ApprovalRuleRow = Selectable<ApprovalRuleTable>;
export type CatalogApiRow = Selectable<CatalogApiTable>;
export type CatalogOperationRow = Selectable<CatalogOperationTable>;
export type CatalogProductRow = Selectable<CatalogProductTable>;
export type CatalogAppRow = Selectable<CatalogAppTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type PolicyVersionRow = Selectable<PolicyVersionTable>;
