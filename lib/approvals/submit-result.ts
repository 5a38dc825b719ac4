import type { RequestStatus } from '@/lib/db/types';

export interface SubmitResult {
  requestId: string;
  status: RequestStatus;
  /** False when this was a replay of a submission already recorded. */
  created: boolean;
}
