/**
 * The DCAP certificate readers on devnet certificates and byte-level edits of them (no vectors needed): the type-5
 * PCK chain blob as DER or PEM, the X.509 reader's structural checks, issuer links, and enclave report sizes.
 */
import { children, DerError, readTlv } from '../../core/der';
import { parseEnclaveReport } from '../../attestation/tdx';
import { splitCertData } from '../../attestation/tdx/parse';
import { isSignedBy, parseCert } from '../../attestation/tdx/x509';
import { createDevnetIntelPki, createDevnetNvidiaPki } from '../../devnet';

const intel = createDevnetIntelPki({ seed: 'chrysalis-cert-data' });
const nvidia = createDevnetNvidiaPki({ seed: 'chrysalis-cert-data', devices: 1 });

function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return new Uint8Array(Buffer.concat([Buffer.from([tag, ...len]), body]));
}
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code ?? `untyped:${(e as Error).name}`;
  }
  return undefined;
};

describe('splitCertData', () => {
  const der = [intel.pckLeafDer, intel.pckCaDer, intel.rootCaDer];
  const cat = new Uint8Array(Buffer.concat(der));

  it('concatenated DER followed by NUL / whitespace padding splits into its certificates', () => {
    const padded = new Uint8Array(Buffer.concat([cat, Buffer.from([0, 0x0a, 0x0d, 0x20, 0])]));
    expect(splitCertData(padded).map((d) => Buffer.from(d).toString('hex'))).toEqual(
      der.map((d) => Buffer.from(d).toString('hex')),
    );
  });

  it.each<[string, Uint8Array]>([
    ['only padding', Uint8Array.of(0, 0x0a, 0x20)],
    [
      'a second element that is not a SEQUENCE',
      new Uint8Array(Buffer.concat([intel.rootCaDer, Buffer.from([0x31, 0x00])])),
    ],
    ['a lone 0x30 byte after a certificate', new Uint8Array(Buffer.concat([intel.rootCaDer, Buffer.from([0x30])]))],
    ['an indefinite length', Uint8Array.of(0x30, 0x80, 0x01, 0x02)],
    ['a four-octet length', Uint8Array.of(0x30, 0x84, 0, 0, 0, 1, 5)],
    ['a length whose octets are cut off', Uint8Array.of(0x30, 0x82, 0x01)],
    [
      'PEM with a broken body',
      new TextEncoder().encode('-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n'),
    ],
    ['text that is neither PEM nor DER', new TextEncoder().encode('hello')],
  ])('%s is TDX_QUOTE_BAD_CERT_DATA', (_name, blob) => {
    expect(codeOf(() => splitCertData(blob))).toBe('TDX_QUOTE_BAD_CERT_DATA');
  });
});

describe('parseCert on edited devnet certificates', () => {
  const root = intel.rootCaDer;
  const top = children(readTlv(root, 0));
  const tbs = children(top[0]!);
  const rebuild = (fields: Uint8Array[], tail = [top[1]!.raw, top[2]!.raw]) => tlv(0x30, tlv(0x30, ...fields), ...tail);
  const raw = tbs.map((t) => t.raw);

  it('reads the unedited root and a TBS without an explicit version', () => {
    const c = parseCert(root);
    expect(c.extensions.size).toBeGreaterThan(0);
    const noVersion = parseCert(rebuild(raw.slice(1)));
    expect(noVersion.serial).toBe(c.serial);
  });

  it('extension wrappers other than [3] are ignored', () => {
    const withExtra = parseCert(rebuild([...raw, tlv(0xa4, tlv(0x30))]));
    expect(withExtra.extensions.size).toBe(parseCert(root).extensions.size);
  });

  it.each<[string, () => Uint8Array]>([
    ['a certificate with two elements', () => tlv(0x30, top[0]!.raw, top[1]!.raw)],
    [
      'a duplicate extension',
      () => {
        const ext = children(children(tbs.at(-1)!)[0]!);
        return rebuild([...raw.slice(0, -1), tlv(0xa3, tlv(0x30, ...ext.map((e) => e.raw), ext[0]!.raw))]);
      },
    ],
    [
      'a validity with one time',
      () => {
        const v = tbs.findIndex((t, i) => i > 2 && t.tag === 0x30 && children(t)[0]?.tag === 0x17);
        return rebuild(raw.map((r, i) => (i === v ? tlv(0x30, children(tbs[v]!)[0]!.raw) : r)));
      },
    ],
  ])('%s is a DerError', (_name, build) => {
    expect(() => parseCert(build())).toThrow(DerError);
  });
});

describe('isSignedBy', () => {
  it('follows issuer names and ecdsa-with-SHA256 signatures only', () => {
    const leaf = parseCert(intel.pckLeafDer);
    const ca = parseCert(intel.pckCaDer);
    const root = parseCert(intel.rootCaDer);
    expect(isSignedBy(leaf, ca)).toBe(true);
    expect(isSignedBy(ca, root)).toBe(true);
    expect(isSignedBy(leaf, root)).toBe(false);
    // NVIDIA-style certificates are ecdsa-with-SHA384: never a DCAP link even when names and keys fit.
    const nvLeaf = parseCert(nvidia.deviceChainDer[0]!);
    const nvBrom = parseCert(nvidia.deviceChainDer[1]!);
    expect(isSignedBy(nvLeaf, nvBrom)).toBe(false);
  });
});

describe('parseEnclaveReport', () => {
  it('reads a 384-byte report and rejects any other size', () => {
    const r = new Uint8Array(384);
    r[256] = 2; // ISVPRODID
    r[258] = 4; // ISVSVN
    expect(parseEnclaveReport(r)).toMatchObject({ isvProdId: 2, isvSvn: 4 });
    expect(codeOf(() => parseEnclaveReport(new Uint8Array(383)))).toBe('TDX_QUOTE_TRUNCATED');
  });
});
