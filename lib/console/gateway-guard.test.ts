// Rule: the console reaches only the configured gateway hosts, and private addresses only for a host configured as one or a
// private gateway host an admin opted in (private-network ranges only, never loopback or link-local).
import { describe, expect, it } from 'vitest';
import { asyncRefusal, refusal } from '@/test/harness/refusals';
import { allowedGatewayHosts, checkGatewayUrl, vetGatewayTarget, type Resolver } from './gateway-guard';
import { isPrivateAddress } from './private-address';

const AZURE = allowedGatewayHosts('https://contoso.azure-api.net', []);
const LOCAL = allowedGatewayHosts('https://localhost:9446', []);
const publicDns: Resolver = async () => [{ address: '20.50.2.3', family: 4 }];
const dns =
  (table: Record<string, string[]>): Resolver =>
  async (host) =>
    (table[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

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

describe('vetGatewayTarget for a gateway in a virtual network', () => {
  const VNET = allowedGatewayHosts('https://contoso.azure-api.net', ['gw.contoso.com']);
  const vnetDns = dns({
    'contoso.azure-api.net': ['10.20.0.5'],
    'gw.contoso.com': ['172.16.8.9', 'fd12:3456::5'],
  });
  const optIn = { privateNetworkHosts: ['Contoso.azure-api.net'] };

  it('refuses the private address by default, naming the setting that allows it', async () => {
    const message = await asyncRefusal(() => vetGatewayTarget('https://contoso.azure-api.net/orders', VNET, vnetDns));
    expect(message).toContain('resolves to a private, loopback or link-local address (10.20.0.5)');
    expect(message).toContain('CONSOLE_PRIVATE_GATEWAY_HOSTS');
  });

  it('reaches the private address of the opted-in gateway host and pins it', async () => {
    const target = await vetGatewayTarget('https://contoso.azure-api.net/orders', VNET, vnetDns, optIn);
    expect(target.addresses).toEqual([{ address: '10.20.0.5', family: 4 }]);
  });

  it('still refuses another configured host that was not opted in', async () => {
    expect(await asyncRefusal(() => vetGatewayTarget('https://gw.contoso.com/orders', VNET, vnetDns, optIn))).toContain(
      'resolves to a private',
    );
  });

  it('opts in exact hosts only: another port of the host is not a gateway host, a host not on the allow-list stays refused', async () => {
    const wider = { privateNetworkHosts: ['contoso.azure-api.net', 'intranet.contoso.com'] };
    expect(await asyncRefusal(() => vetGatewayTarget('https://contoso.azure-api.net:8443/', VNET, vnetDns, wider))).toContain(
      'is not a configured gateway host',
    );
    const resolve = dns({ 'intranet.contoso.com': ['10.0.0.9'] });
    expect(await asyncRefusal(() => vetGatewayTarget('https://intranet.contoso.com/', VNET, resolve, wider))).toContain(
      'is not a configured gateway host',
    );
  });

  it.each([['127.0.0.1'], ['169.254.169.254'], ['::1'], ['fe80::1'], ['100.64.0.1'], ['0.0.0.0'], ['2002:a00:1::1']])(
    'refuses %s for the opted-in host: private networks only',
    async (address) => {
      const resolve = dns({ 'contoso.azure-api.net': ['10.20.0.5', address] });
      const message = await asyncRefusal(() => vetGatewayTarget('https://contoso.azure-api.net/', VNET, resolve, optIn));
      expect(message).toContain(`resolves to a loopback, link-local or reserved address (${address})`);
    },
  );

  it('reaches public and unique-local addresses of an opted-in host alike', async () => {
    const target = await vetGatewayTarget('https://gw.contoso.com/', VNET, vnetDns, { privateNetworkHosts: ['gw.contoso.com'] });
    expect(target.addresses.map((a) => a.address)).toEqual(['172.16.8.9', 'fd12:3456::5']);
  });
});

describe('isPrivateAddress', () => {
  // 6to4 (RFC 3056) carries an IPv4 address in bits 16-47; Teredo (RFC 4380) the server's IPv4 in bits 32-63 and the client's,
  // inverted, in bits 96-127. Traffic to either reaches the embedded IPv4 address.
  it.each([
    ['2002:0a00:0001::1', '10.0.0.1'],
    ['2002:7f00:0001::', '127.0.0.1'],
    ['2002:a9fe:a9fe::1', '169.254.169.254'],
    ['2002:c0a8:0101:1::1', '192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'client 10.0.0.1'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'client 127.0.0.1'],
    ['2001:0:0a00:0001:8000:63bf:bdff:f5f6', 'server 10.0.0.1'],
  ])('%s embeds a non-public IPv4 address (%s)', (address) => expect(isPrivateAddress(address)).toBe(true));

  it.each(['2002:0808:0808::1', '2001:0:4136:e378:8000:63bf:f7f7:f7f7', '2001:db9::1', '2001:4860:4860::8888'])(
    '%s embeds a public IPv4 address or none',
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );

  it.each(['8.8.8.8', '20.50.2.3', '2606:4700::1111', '172.32.0.1', '192.169.0.1'])('%s is public', (a) =>
    expect(isPrivateAddress(a)).toBe(false),
  );
  it.each(['172.16.0.1', '172.31.255.255', '192.168.0.1', '::', '::ffff:10.0.0.1', '64:ff9b::7f00:1', 'ff02::1', 'not-an-ip'])(
    '%s is not public',
    (a) => expect(isPrivateAddress(a)).toBe(true),
  );
});
