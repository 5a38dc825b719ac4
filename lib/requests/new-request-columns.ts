import type { RequestStatus } from '@/lib/db/types';

/**
 * The columns every new request starts with, whatever it asks for: version 1 at its first stage, nothing granted or
 * ended yet, and decided at submission when it was approved automatically.
 */
export function newRequestColumns(status: RequestStatus, autoApprove: boolean, now: string) {
  return {
    status,
    stage: 1,
    version: 1,
    assignment_id: null,
    expires_at: null,
    failure_reason: null,
    decided_at: autoApprove ? now : null,
    activated_at: null,
    ended_at: null,
    created_at: now,
    updated_at: now,
  };
}
