import 'server-only';
import { GRAPH_RESOURCES } from '@/lib/azure-clouds';
import type { JwtClaims } from './decode-jwt';
import type { Check, CheckInput, CheckOutcome, Diagnosis } from './doctor-types';
import { sameId } from './issuer-shape';

// Graph's app id is the same in every cloud; its resource URI is the cloud's own.
const GRAPH_AUDIENCES = ['00000003-0000-0000-c000-000000000000', ...GRAPH_RESOURCES];

/** aud against the API's identifiers and the policy's audiences; azp/appid says who asked for the token. */
export function checkAudience(input: CheckInput): CheckOutcome {
  const aud = checkAud(input);
  return { checks: [...aud.checks, checkAzp(input)], diagnoses: aud.diagnoses };
}

/** Entra puts scp only in delegated (user) tokens; `idtyp`, when the app asked for it, says so outright. */
export function isAppOnlyToken(claims: JwtClaims): boolean {
  if (claims.idtyp === 'app') return true;
  if (claims.idtyp === 'user') return false;
  return claims.scp === undefined;
}

export function audiencesOf(claims: JwtClaims): string[] | null {
  const aud = claims.aud;
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud) && aud.every((a): a is string => typeof a === 'string')) return aud;
  return null;
}

function checkAud(input: CheckInput): CheckOutcome {
  const label = 'Audience (aud)';
  const { api, policy } = input.ctx;
  const auds = audiencesOf(input.claims);
  if (auds === null) {
    return failWith(label, 'The token has no usable aud claim.', {
      code: 'malformed',
      title: 'The token names no audience',
      explanation: 'validate-jwt compares aud with its <audiences>; without one the gateway refuses the token.',
      fix: 'Use an access token exactly as Entra issued it.',
    });
  }
  const shown = auds.join(', ');
  const apiIds = api ? [api.appId, ...api.identifierUris] : [];
  const forApi = auds.some((a) => apiIds.some((id) => id === a || sameId(id, a)));
  const allowed = policy?.audiences ?? [];
  const inPolicy = auds.some((a) => allowed.includes(a));

  if (allowed.length === 0 && !api)
    return one({ id: 'aud', label, status: 'skip', detail: `aud is ${shown}; no API was chosen to compare it with.` });
  if (allowed.length > 0 && inPolicy) {
    if (!api || forApi)
      return one({ id: 'aud', label, status: 'pass', detail: `aud ${shown} is one of the audiences the policy accepts.` });
    return one({
      id: 'aud',
      label,
      status: 'warn',
      detail: `The policy accepts aud ${shown}, but it is not one of ${api.displayName}'s identifiers (${apiIds.join(', ')}): the policy may accept tokens meant for another application.`,
    });
  }
  if (allowed.length === 0) {
    return forApi
      ? one({
          id: 'aud',
          label,
          status: 'pass',
          detail: `aud ${shown} identifies ${api?.displayName ?? 'the API'}. The API's validate-jwt audiences are not known.`,
        })
      : failWith(
          label,
          `aud is ${shown}, not one of ${api?.displayName ?? 'the API'}'s identifiers (${apiIds.join(', ')}).`,
          tokenForSomethingElse(input, auds),
        );
  }
  if (forApi) {
    const fix = `Add ${auds[0]} to the validate-jwt <audiences> of ${api?.displayName ?? 'the API'}.`;
    return failWith(label, `aud ${shown} identifies ${api?.displayName ?? 'the API'}, but the policy accepts only ${allowed.join(', ')}.`, {
      code: 'wrong-audience',
      title: "The policy does not accept this API's own audience",
      explanation:
        `The token is for the right API, but validate-jwt's <audiences> (${allowed.join(', ')}) does not list ${shown}, so the gateway refuses it with 401. ` +
        'This is typical of v2.0 tokens, whose aud is always the client id, behind a policy that lists only the App ID URI.',
      fix,
    });
  }
  return failWith(label, `aud is ${shown}; the policy accepts only ${allowed.join(', ')}.`, tokenForSomethingElse(input, auds));
}

function tokenForSomethingElse(input: CheckInput, auds: string[]): Diagnosis {
  const { api, portalClientId } = input.ctx;
  const scope = api ? `${api.identifierUris[0] ?? api.appId}/.default` : "the API's scope (<App ID URI>/.default)";
  const name = api?.displayName ?? 'the API';
  const fix = `Request a token for ${name}: scope ${scope}.`;
  if (portalClientId && auds.some((a) => sameId(a, portalClientId))) {
    return {
      code: 'wrong-audience',
      title: 'This is a token for Roleport itself, not for the API',
      explanation: `aud is Roleport's own client id (${portalClientId}): this is the token you got when signing in to the portal. The gateway accepts only tokens issued for ${name}.`,
      fix,
    };
  }
  if (auds.some((a) => GRAPH_AUDIENCES.some((g) => sameId(a, g) || a.startsWith(`${g}/`)))) {
    return {
      code: 'wrong-audience',
      title: 'This is a Microsoft Graph token, not a token for the API',
      explanation: `aud is Microsoft Graph. Graph tokens are meant for Graph only (they cannot even be verified by others). The gateway accepts only tokens issued for ${name}.`,
      fix,
    };
  }
  return {
    code: 'wrong-audience',
    title: `This token is for another application, not ${name}`,
    explanation: `aud is ${auds.join(', ')}: Entra issued this token for that resource. The gateway accepts only tokens issued for ${name}.`,
    fix,
  };
}

function checkAzp({ claims, ctx }: CheckInput): Check {
  const label = 'Requested by (azp / appid)';
  const client = typeof claims.azp === 'string' ? claims.azp : typeof claims.appid === 'string' ? claims.appid : undefined;
  if (!client)
    return { id: 'azp', label, status: 'skip', detail: 'No azp or appid claim: the token does not say which application requested it.' };
  const who =
    ctx.portalClientId && sameId(client, ctx.portalClientId)
      ? `Roleport (${client})`
      : ctx.api && sameId(client, ctx.api.appId)
        ? `${ctx.api.displayName} itself (${client})`
        : `application ${client}`;
  if (isAppOnlyToken(claims)) {
    return {
      id: 'azp',
      label,
      status: 'pass',
      detail: `An app-only token (client credentials) of ${who}: no user is involved, and roles are the application permissions granted to it.`,
    };
  }
  const user = [claims.preferred_username, claims.upn, claims.unique_name, claims.name, claims.oid].find((v) => typeof v === 'string');
  return { id: 'azp', label, status: 'pass', detail: `A delegated token for ${String(user ?? 'a user')}, requested by ${who}.` };
}

function one(check: Check): CheckOutcome {
  return { checks: [check], diagnoses: [] };
}

function failWith(label: string, detail: string, diagnosis: Diagnosis): CheckOutcome {
  return { checks: [{ id: 'aud', label, status: 'fail', detail, fix: diagnosis.fix }], diagnoses: [diagnosis] };
}
