import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import forge from 'node-forge';

export interface LocalCertificates {
  /** Absolute path of the local CA certificate (what NODE_EXTRA_CA_CERTS points at). */
  caCertPath: string;
  caPem: string;
  /** The `localhost` server certificate, signed by the local CA. */
  certPem: string;
  keyPem: string;
}

const FILES = { ca: 'ca.pem', caKey: 'ca-key.pem', cert: 'localhost.pem', key: 'localhost-key.pem' } as const;

/** Creates a local CA and a localhost certificate on first run and reuses them afterwards. */
export function ensureCertificates(localDir = '.local'): LocalCertificates {
  const dir = resolve(localDir);
  const path = (name: string) => resolve(dir, name);
  if (!Object.values(FILES).every((f) => existsSync(path(f)))) {
    mkdirSync(dir, { recursive: true });
    const issued = issueCertificates();
    // Write the CA last: its presence is what other processes wait for.
    writeAtomically(path(FILES.caKey), issued.caKeyPem);
    writeAtomically(path(FILES.cert), issued.certPem);
    writeAtomically(path(FILES.key), issued.keyPem);
    writeAtomically(path(FILES.ca), issued.caPem);
  }
  return {
    caCertPath: path(FILES.ca),
    caPem: readFileSync(path(FILES.ca), 'utf8'),
    certPem: readFileSync(path(FILES.cert), 'utf8'),
    keyPem: readFileSync(path(FILES.key), 'utf8'),
  };
}

function writeAtomically(file: string, content: string) {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600 });
  renameSync(tmp, file);
}

// node:crypto generates RSA keys far faster than forge's pure-JS generator; forge only signs.
function rsaKeyPair() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const key = forge.pki.privateKeyFromPem(pem);
  return { key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem };
}

function serial() {
  // A positive serial number: clear the top bit.
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate, days: number) {
  cert.validity.notBefore = new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
}

function issueCertificates() {
  const ca = rsaKeyPair();
  const caCert = forge.pki.createCertificate();
  caCert.publicKey = ca.publicKey;
  caCert.serialNumber = serial();
  validity(caCert, 3650);
  const caSubject = [
    { name: 'commonName', value: 'Roleport Local Emulator CA' },
    { name: 'organizationName', value: 'Roleport (local)' },
  ];
  caCert.setSubject(caSubject);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.key, forge.md.sha256.create());

  const server = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = server.publicKey;
  cert.serialNumber = serial();
  // Stay under the 398-day limit clients enforce for server certificates.
  validity(cert, 390);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [
        { type: 2, value: 'localhost' },
        { type: 7, ip: '127.0.0.1' },
        { type: 7, ip: '::1' },
      ],
    },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());

  return {
    caPem: forge.pki.certificateToPem(caCert),
    caKeyPem: ca.pem,
    certPem: forge.pki.certificateToPem(cert),
    keyPem: server.pem,
  };
}
