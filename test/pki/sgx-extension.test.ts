import 'reflect-metadata';
import { describeVectors, readVector } from '../helpers/vectors';
import { encodeSgxExtension, OID_SGX_EXTENSION } from '../../devnet/intel/sgx-extension';
import { parseQuote } from '../../attestation/tdx/parse';
import { parsePckExtension } from '../../attestation/tdx/pck-extension';
import * as x509 from '@peculiar/x509';

/** Value following `oid` (dotted suffix under the SGX OID) as OCTET STRING of `len` bytes, found in the raw extension. */
function octetsAfter(ext: Buffer, suffix: number, len: number): Uint8Array {
  const marker = Buffer.from(`060a2a864886f84d010d010${suffix}04${len.toString(16).padStart(2, '0')}`, 'hex');
  const i = ext.indexOf(marker);
  if (i < 0) throw new Error('not found');
  return new Uint8Array(ext.subarray(i + marker.length, i + marker.length + len));
}

describeVectors('pki')('SGX extension encoder vs a real Intel PCK certificate', () => {
  test.each([
    ['phala-dcap-qvl/sample/tdx_quote', true],
    ['phala-dcap-qvl/sample/sgx_quote', false],
  ])("%s: re-encoding the decoded fields gives Intel's exact bytes", (path, platform) => {
    const q = parseQuote(new Uint8Array(readVector('tdx', path)));
    const leaf = q.signatureData.pckChain[0]!;
    const ext = Buffer.from(new x509.X509Certificate(Buffer.from(leaf)).getExtension(OID_SGX_EXTENSION)!.value);
    const f = parsePckExtension(new Uint8Array(ext));
    const enc = encodeSgxExtension({
      ppid: f.ppid,
      sgxTcbComponents: f.sgxTcbComponents,
      pceSvn: f.pceSvn,
      cpuSvn: f.cpuSvn,
      pceId: Uint8Array.from(Buffer.from(f.pceId, 'hex')),
      fmspc: Uint8Array.from(Buffer.from(f.fmspc, 'hex')),
      sgxType: f.sgxType as 0 | 1 | 2,
      ...(platform
        ? {
            platform: {
              platformInstanceId: octetsAfter(ext, 6, 16),
              dynamicPlatform: true,
              cachedKeys: true,
              smtEnabled: true,
            },
          }
        : {}),
    });
    expect(Buffer.from(enc).toString('hex')).toBe(ext.toString('hex'));
  });
});
