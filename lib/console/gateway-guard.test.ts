// Rule: the console reaches only the configured gateway hosts, and private addresses only for a host configured as one.
import { describe, expect, it } from 'vitest';
import { allowedGatewayHosts, checkGatewayUrl, vetGatewayTarget, type Resolver } from './gateway-guard';
import { isPrivateAddress } from './private-address';

const AZURE = allowedGatewayHosts('https://contoso.azure-api.net', []);
const LOCAL = allowedGatewayHosts('https://localhost:9446', []);
const publicDns: Resolver = async () => [{ address: '20.50.2.3', family: 4 }];
const dns =
  (table: Record<string, string[]>): Resolver =>
  async (host) =>
    (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

async function asyncRefusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('allowedGatewayHosts', () => {
  it('takes the host of the service gateway URL and the extra hosts, normalised', () => {
    expect(
      allowedGatewayHosts('https://Contoso.azure-api.net/', ['gw.contoso.com', 'GW2.contoso.com:8443', 'bad/host', 'u@evil.com']),
    ).toEqual(['contoso.azure-api.net', 'gw.contoso.com', 'gw2.contoso.com:8443']);
  });
});

describe('checkGatewayUrl', () => {
  it('accepts the gateway host', () => {
    expect(checkGatewayUrl('https://contoso.azure-api.net/orders/orders', AZURE).host).toBe('contoso.azure-api.net');
  });

  it.each([
    ['https://evil.example.com/orders', 'evil.example.com is not a configured gateway host'],
    ['https://contoso.azure-api.net.evil.com/orders', 'is not a configured gateway host'],
    ['https://contoso.azure-api.net:444/orders', 'contoso.azure-api.net:444 is not a configured gateway host'],
    ['http://contoso.azure-api.net/orders', 'over https only'],
    ['file:///etc/passwd', 'over https only'],
    ['https://contoso.azure-api.net@evil.com/orders', 'user name or password'],
    ['https://user:pass@contoso.azure-api.net/orders', 'user name or password'],
  ])('refuses %s', (url, message) => {
    expect(refusal(() => checkGatewayUrl(url, AZURE))).toContain(message);
  });

  it.each([
    ['https://127.0.0.1/', '127.0.0.1'],
    ['https://2130706433/', '127.0.0.1'],
    ['https://0x7f000001/', '127.0.0.1'],
    ['https://0x7f.1/', '127.0.0.1'],
    ['https://017700000001/', '127.0.0.1'],
    ['https://169.254.169.254/metadata', '169.254.169.254'],
    ['https://[::1]/', '[::1]'],
    ['https://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
  ])('refuses the IP literal %s, naming it as an address', (url, shownAs) => {
    const message = refusal(() => checkGatewayUrl(url, AZURE));
    expect(message).toContain(`${shownAs} is not a configured gateway host`);
    expect(message).toContain('It is an IP address');
  });

  it.each(['https://localhost:9446/', 'https://LOCALHOST/', 'https://localhost./', 'https://foo.localhost/', 'https://127.1/'])(
    'refuses %s when only the Azure gateway is configured',
    (url) => {
      expect(refusal(() => checkGatewayUrl(url, AZURE))).toContain('is not a configured gateway host');
    },
  );

  it('refuses a localhost variant that is not exactly the configured host', () => {
    expect(refusal(() => checkGatewayUrl('https://localhost.:9446/orders', LOCAL))).toContain(
      'localhost.:9446 is not a configured gateway host',
    );
    expect(refusal(() => checkGatewayUrl('https://127.0.0.1:9446/orders', LOCAL))).toContain('It is an IP address');
  });

  it('says so when no gateway host is known', () => {
    expect(refusal(() => checkGatewayUrl('https://contoso.azure-api.net/', []))).toContain('no gateway host is known');
  });
});

describe('vetGatewayTarget', () => {
  it('resolves the gateway host and pins its public addresses', async () => {
    const target = await vetGatewayTarget('https://contoso.azure-api.net/orders', AZURE, publicDns);
    expect(target.addresses).toEqual([{ address: '20.50.2.3', family: 4 }]);
  });

  it.each([
    ['10.0.0.7'],
    ['127.0.0.1'],
    ['169.254.169.254'],
    ['::1'],
    ['fd00::1'],
    ['fe80::1'],
    ['::ffff:192.168.1.1'],
    ['100.64.0.1'],
    ['0.0.0.0'],
  ])('refuses a configured public name that resolves to %s (DNS rebinding)', async (address) => {
    const message = await asyncRefusal(() =>
      vetGatewayTarget('https://contoso.azure-api.net/orders', AZURE, dns({ 'contoso.azure-api.net': [address] })),
    );
    expect(message).toContain(`contoso.azure-api.net resolves to a private, loopback or link-local address (${address})`);
  });

  it('refuses when any one of the resolved addresses is private', async () => {
    const resolve = dns({ 'contoso.azure-api.net': ['20.50.2.3', '10.1.2.3'] });
    expect(await asyncRefusal(() => vetGatewayTarget('https://contoso.azure-api.net/', AZURE, resolve))).toContain('10.1.2.3');
  });

  it('reaches a private address for a host configured as localhost', async () => {
    const target = await vetGatewayTarget('https://localhost:9446/orders', LOCAL, dns({ localhost: ['::1', '127.0.0.1'] }));
    expect(target.addresses.map((a) => a.address)).toEqual(['::1', '127.0.0.1']);
  });

  it('reaches a private IP literal only when that literal is the configured host', async () => {
    const hosts = allowedGatewayHosts('https://contoso.azure-api.net', ['10.0.0.5:8443']);
    const target = await vetGatewayTarget('https://10.0.0.5:8443/orders', hosts, publicDns);
    expect(target.addresses).toEqual([{ address: '10.0.0.5', family: 4 }]);
    expect(await asyncRefusal(() => vetGatewayTarget('https://10.0.0.6:8443/orders', hosts, publicDns))).toContain(
      'not a configured gateway host',
    );
  });

  it('refuses a configured extra name that resolves privately', async () => {
    const hosts = allowedGatewayHosts('https://contoso.azure-api.net', ['gw.contoso.com']);
    const message = await asyncRefusal(() =>
      vetGatewayTarget('https://gw.contoso.com/orders', hosts, dns({ 'gw.contoso.com': ['192.168.4.4'] })),
    );
    expect(message).toContain('resolves to a private');
  });

  it('says so when the host does not resolve', async () => {
    const failing: Resolver = async () => {
      throw new Error('getaddrinfo ENOTFOUND');
    };
    expect(await asyncRefusal(() => vetGatewayTarget('https://contoso.azure-api.net/', AZURE, failing))).toContain('could not be resolved');
  });
});

describe('isPrivateAddress', () => {
  it.each(['8.8.8.8', '20.50.2.3', '2606:4700::1111', '172.32.0.1', '192.169.0.1'])('%s is public', (a) =>
    expect(isPrivateAddress(a)).toBe(false),
  );
  it.each(['172.16.0.1', '172.31.255.255', '192.168.0.1', '::', '::ffff:10.0.0.1', '64:ff9b::7f00:1', 'ff02::1', 'not-an-ip'])(
    '%s is not public',
    (a) => expect(isPrivateAddress(a)).toBe(true),
  );
});
