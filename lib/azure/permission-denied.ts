import 'server-only';
import { UserFacingError } from '@/lib/errors/user-facing-error';
import { REQUIRED_PERMISSIONS, type PermissionKey } from './required-permissions';

interface AzureFailure {
  statusCode?: number;
  code?: string | null;
}

// Directory calls refuse with Authorization_RequestDenied, ARM with AuthorizationFailed, Outlook's (sendMail) with ErrorAccessDenied.
const DENIED_CODES = new Set(['Authorization_RequestDenied', 'AuthorizationFailed', 'ErrorAccessDenied']);

/** Graph's and ARM's refusal of a call the identity is not permitted to make (403 with their documented codes). */
export function isPermissionDenied(error: unknown): boolean {
  const e = error as AzureFailure | null;
  return e?.statusCode === 403 && DENIED_CODES.has(e.code ?? '');
}

/** The message naming the missing permission, or null when the error is not a permission refusal. */
export function permissionDeniedMessage(error: unknown, key: PermissionKey): string | null {
  if (!isPermissionDenied(error)) return null;
  if (error instanceof PermissionDeniedError) return error.message;
  const p = REQUIRED_PERMISSIONS[key];
  return p.service === 'graph'
    ? `Roleport may not ${p.what}: its identity lacks the Microsoft Graph application permission ${p.permission} (Graph answered 403 Authorization_RequestDenied). An administrator adds it to Roleport's app registration under API permissions and grants admin consent.`
    : `Roleport may not ${p.what}: its identity lacks the Azure RBAC permission ${p.permission} on the API Management service (ARM answered 403 AuthorizationFailed). An owner assigns Roleport a role that includes it.`;
}

/**
 * A permission refusal, explained: safe to show, and still a 403 with Azure's code so retry logic treats it as final
 * (retrying cannot help until an administrator grants the permission).
 */
export class PermissionDeniedError extends UserFacingError {
  override name = 'PermissionDeniedError';
  readonly statusCode = 403;
  constructor(
    message: string,
    readonly code: 'Authorization_RequestDenied' | 'AuthorizationFailed',
    readonly permission: PermissionKey,
  ) {
    super(message, 'permission_denied', 403);
  }
}

/** Runs one Azure call; a permission refusal becomes a message naming the permission, never a 500. */
export async function withPermission<T>(key: PermissionKey, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = permissionDeniedMessage(error, key);
    if (message && !(error instanceof PermissionDeniedError)) {
      const code = REQUIRED_PERMISSIONS[key].service === 'graph' ? 'Authorization_RequestDenied' : 'AuthorizationFailed';
      throw new PermissionDeniedError(message, code, key);
    }
    throw error;
  }
}
