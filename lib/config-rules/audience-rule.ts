import type { ConfigFinding } from './config-finding';
import {
  apiLink,
  operationsListing,
  sameText,
  unresolved,
  type ApiUnderCheck,
  type ConfigRulesInput,
  type RegisteredApp,
} from './config-rules-input';

/** The app an audience names: from the index first, else as the directory answered (when the caller asked it). */
function appForAudience(input: ConfigRulesInput, audience: string): Pick<RegisteredApp, 'appId' | 'displayName'> | null {
  const indexed = input.apps.find((a) => sameText(a.appId, audience) || a.identifierUris.some((uri) => sameText(uri, audience)));
  return indexed ?? input.directoryApps?.get(audience) ?? null;
}

/** The audiences an API's validate-jwt accepts: its summary and every operation's own. */
export function audiencesOf(entry: ApiUnderCheck): string[] {
  return [
    ...new Set([...entry.api.access.audiences, ...entry.operations.flatMap((op) => op.access.validations.flatMap((v) => v.audiences))]),
  ];
}

/** Each audience should name a registered app; an audience no app has can only ever be met by a token for something else. */
export function checkAudiences(input: ConfigRulesInput): ConfigFinding[] {
  return input.apis.flatMap((entry) =>
    audiencesOf(entry).map((audience): ConfigFinding => {
      const { api } = entry;
      const app = appForAudience(input, audience);
      const base = {
        id: `audience:${api.id}:${audience}`,
        check: 'audience' as const,
        subject: api.displayName,
        apiId: api.id,
        appId: api.appId,
        operations: operationsListing(entry, (v) => v.audiences, audience),
      };
      if (app)
        return {
          ...base,
          status: 'ok',
          title: 'The audience is a registered application',
          detail: `${audience} identifies ${app.displayName} (${app.appId}).`,
        };
      return {
        ...base,
        status: 'error',
        severity: 'medium',
        title: 'An audience matches no app registration',
        detail: unresolved(audience)
          ? `${api.displayName}'s validate-jwt accepts the audience ${audience}, a named value whose value Roleport could not read.`
          : `${api.displayName}'s validate-jwt accepts the audience ${audience}, but no application in the tenant has that client id or App ID URI: no one can get a token for it, so callers cannot be granted access through Roleport.`,
        fix: `Set <audiences> to the App ID URI and client id of the API's app registration, or add ${audience} to that registration's identifier URIs.`,
        link: apiLink(api.id),
      };
    }),
  );
}
