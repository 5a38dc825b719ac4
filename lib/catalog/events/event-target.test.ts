// Rule: each APIM event refreshes exactly the API or product it names, on the configured service only.
import { describe, expect, it } from 'vitest';
import { eventOutcome, parseTargetKey, targetKey } from './event-target';

const SERVICE = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ApiManagement/service/svc';
const event = (type: string, subject: string, source = SERVICE) => ({ id: '1', type: `Microsoft.ApiManagement.${type}`, subject, source });

describe('eventOutcome', () => {
  it('refreshes the API an API or release event names, whatever revision', () => {
    expect(eventOutcome(event('APIUpdated', '/apis/myapi;Rev=1'), SERVICE)).toEqual({
      kind: 'refresh',
      target: { kind: 'api', apiId: 'myapi' },
    });
    expect(eventOutcome(event('APIDeleted', '/apis/orders'), SERVICE)).toEqual({
      kind: 'refresh',
      target: { kind: 'api', apiId: 'orders' },
    });
    expect(eventOutcome(event('APIReleaseCreated', '/apis/orders/releases/r1'), SERVICE)).toEqual({
      kind: 'refresh',
      target: { kind: 'api', apiId: 'orders' },
    });
  });

  it('refreshes the product a product event names', () => {
    expect(eventOutcome(event('ProductCreated', '/products/myproduct'), SERVICE)).toEqual({
      kind: 'refresh',
      target: { kind: 'product', productId: 'myproduct' },
    });
  });

  it('takes user, subscription and gateway events in without a catalog refresh', () => {
    expect(eventOutcome(event('UserDeleted', '/users/apimuser-contoso-com'), SERVICE).kind).toBe('no-catalog-change');
    expect(eventOutcome(event('SubscriptionCreated', '/subscriptions/abc'), SERVICE).kind).toBe('no-catalog-change');
    expect(eventOutcome(event('GatewayAPIAdded', '/gateways/g1'), SERVICE).kind).toBe('no-catalog-change');
  });

  it('ignores events of another service or source, and subjects that name nothing', () => {
    expect(eventOutcome(event('APIUpdated', '/apis/x', `${SERVICE}-other`), SERVICE).kind).toBe('foreign');
    expect(eventOutcome({ ...event('APIUpdated', '/apis/x'), type: 'Microsoft.Storage.BlobCreated' }, SERVICE).kind).toBe('foreign');
    expect(eventOutcome(event('APIUpdated', '/products/x'), SERVICE).kind).toBe('no-catalog-change');
    expect(eventOutcome(event('APIUpdated', '/apis/a<b'), SERVICE).kind).toBe('no-catalog-change');
  });

  it('matches the service id without regard to case, as ARM does', () => {
    expect(eventOutcome(event('APIUpdated', '/apis/x', SERVICE.toLowerCase()), SERVICE).kind).toBe('refresh');
  });

  it('round-trips target keys', () => {
    expect(parseTargetKey(targetKey({ kind: 'api', apiId: 'a:b' }))).toEqual({ kind: 'api', apiId: 'a:b' });
    expect(parseTargetKey(targetKey({ kind: 'product', productId: 'p' }))).toEqual({ kind: 'product', productId: 'p' });
    expect(parseTargetKey('x')).toBeNull();
  });
});
