import type { NotificationKind } from './notification-kinds';

/** What a notification says about a request; no justification (it may hold internal detail) and no tokens or keys. */
export interface NotificationPayload {
  requestId: string;
  apiId: string;
  appId: string;
  roleId: string;
  roleValue: string;
  requester: { oid: string; name: string };
  status: string;
  /** The approval stage waiting for a decision (request-waiting). */
  stage: number;
  /** Who decided (request-decided). */
  actorName?: string;
  expiresAt: string | null;
  failureReason?: string | null;
}

export interface QueuedNotification {
  kind: NotificationKind;
  /** Unique per thing worth telling: queuing it again (a retried job) adds nothing. */
  eventKey: string;
  payload: NotificationPayload;
}
