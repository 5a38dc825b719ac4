// The body rules of NamedValueCreateContract / NamedValueUpdateParameters (REST spec 2024-05-01 definitions.json):
// displayName 1–256 characters of letters, digits, '.', '-', '_'; value at most 4096 characters and "may not be
// empty or consist only of whitespace"; at most 32 tags; a value or a keyVault reference.
import type { NamedValueRecord } from '../apim/types';
import { ArmError } from './arm-response';

export interface NamedValueInput {
  displayName: string;
  value?: string;
  secret: boolean;
  tags: string[];
  keyVault?: { secretIdentifier: string; identityClientId?: string };
}

const invalid = (message: string) => new ArmError(400, 'ValidationError', message);

function optionalString(p: Record<string, unknown>, name: string): string | undefined {
  const value = p[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`'${name}' must be a string.`);
  return value;
}

function keyVaultOf(raw: unknown): NamedValueInput['keyVault'] {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid("'keyVault' must be an object.");
  const kv = raw as Record<string, unknown>;
  const secretIdentifier = optionalString(kv, 'secretIdentifier');
  if (!secretIdentifier || !/^https:\/\/[^/]+\/secrets\/[^/]+(\/[^/]+)?\/?$/i.test(secretIdentifier))
    throw invalid("'keyVault.secretIdentifier' must be a Key Vault secret URL such as https://contoso.vault.azure.net/secrets/name.");
  const identityClientId = optionalString(kv, 'identityClientId');
  return { secretIdentifier, ...(identityClientId ? { identityClientId } : {}) };
}

/** Validates a PUT body (current = null) or a PATCH body merged over the current record. */
export function namedValueInput(body: Record<string, unknown>, current: NamedValueRecord | null): NamedValueInput {
  const p = body.properties;
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw invalid("The request body must have 'properties'.");
  const props = p as Record<string, unknown>;
  const displayName = optionalString(props, 'displayName') ?? current?.displayName;
  if (!displayName) throw invalid("'displayName' is required.");
  if (displayName.length > 256 || !/^[A-Za-z0-9-._]+$/.test(displayName))
    throw invalid(
      `'displayName' may contain only letters, digits, period, dash, and underscore characters (1 to 256), found '${displayName}'.`,
    );
  const keyVault = props.keyVault === undefined && current ? current.keyVault : keyVaultOf(props.keyVault);
  let value = optionalString(props, 'value');
  if (value === undefined && current && !current.keyVault && props.keyVault === undefined) value = current.value;
  if (value !== undefined && keyVault && props.value !== undefined) throw invalid("Give either 'value' or 'keyVault', not both.");
  if (!keyVault) {
    if (value === undefined || !value.trim()) throw invalid("'value' may not be empty or consist only of whitespace.");
    if (value.length > 4096) throw invalid("'value' must be at most 4096 characters.");
  }
  const secretRaw = props.secret;
  if (secretRaw !== undefined && typeof secretRaw !== 'boolean') throw invalid("'secret' must be true or false.");
  const secret = (secretRaw as boolean | undefined) ?? current?.secret ?? false;
  // Key Vault-backed values are secrets (Use named values: "Key vault" type); refusing the other combination is the stricter reading.
  if (keyVault && !secret) throw invalid("A Key Vault-backed named value must have 'secret' set to true.");
  const tagsRaw = props.tags;
  if (tagsRaw !== undefined && (!Array.isArray(tagsRaw) || tagsRaw.some((t) => typeof t !== 'string')))
    throw invalid("'tags' must be an array of strings.");
  const tags = (tagsRaw as string[] | undefined) ?? current?.tags ?? [];
  if (tags.length > 32) throw invalid("'tags' may hold at most 32 items.");
  return { displayName, ...(keyVault ? { keyVault } : { value }), secret, tags };
}
