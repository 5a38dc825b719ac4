import type { ApimState } from '../apim/types';
import { isPreflight, runCors } from './cors';
import type { GatewayContext, GatewayResponse } from './gateway-context';
import { effectiveSection, scopeDocuments } from './policy-chain';
import { candidateApis } from './route-match';

/**
 * A CORS preflight to an API path no OPTIONS operation matches. The cors policy reference: "Only the cors policy
 * is evaluated on the OPTIONS request during preflight", so the API's effective inbound cors statement answers it
 * (no operation, no subscription key). Without a cors policy the request stays unmatched (404).
 */
export function answerPreflight(state: ApimState, pathname: string, ctx: GatewayContext): GatewayResponse | undefined {
  if (!isPreflight(ctx)) return undefined;
  const api = candidateApis(state, pathname)[0]?.api;
  if (!api) return undefined;
  const inbound = effectiveSection(scopeDocuments(state, api.id, '', undefined), 'inbound');
  const cors = inbound.find((step) => step.element.nodeName === 'cors');
  return cors ? runCors(cors.element, ctx) : undefined;
}
