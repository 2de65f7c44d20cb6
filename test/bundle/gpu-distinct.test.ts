/** verifyBundle: each GPU slot must be a distinct device (SIMULATED devnet PKIs, pinned time). */
import 'reflect-metadata';
import { X509Certificate } from 'node:crypto';
import { Extension } from '@peculiar/asn1-x509';
import { OctetString } from '@peculiar/asn1-schema';
import { verifyBundle, BundleVerifyError } from '../../attestation/bundle';
import { verifyGpuEvidence } from '../../attestation/gpu';
import { simulateGpuEvidence, createDevnetNvidiaPki, type DevnetNvidiaPki } from '../../devnet/nvidia';
import { issueCertificate, deviceIdSan, diceFwidExtension } from '../../devnet/nvidia/x509-build';
import { createSimulatedGpuProvider } from '../../devnet/providers/simulated-gpu';
import { simulateBundle, verifyOptions, pkis, NOW } from '../../devnet/sim-bundle';

function errorOf(fn: () => unknown): BundleVerifyError | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof BundleVerifyError) return err;
    throw err;
  }
  return undefined;
}

const nonce = (b: number): Uint8Array => new Uint8Array(32).fill(b);

describe('GPU distinctness in bundles', () => {
  it('a bundle with 2 distinct SIMULATED GPUs verifies', async () => {
    const b = await simulateBundle({ gpuCount: 2 });
    const w = verifyBundle(b.encoded, { ...verifyOptions(), expectedChallenge: b.challenge });
    expect(w.gpus.map((g) => g.index)).toEqual([0, 1]);
    expect(Buffer.from(b.bundle.gpus[0]!.certChain[0]!).equals(Buffer.from(b.bundle.gpus[1]!.certChain[0]!))).toBe(
      false,
    );
  });

  it('rejects one device answering for two GPU slots (same chain, different nonces)', async () => {
    const b = await simulateBundle({ gpuCount: 2, gpuDevice: () => 0 });
    const err = errorOf(() => verifyBundle(b.encoded, verifyOptions()));
    expect(err?.code).toBe('BUNDLE_GPU_DUPLICATE_DEVICE');
    expect(err?.details).toMatchObject({ index: 1, duplicateOf: 0 });
  });

  it('rejects a duplicate among 8 GPUs (slot 7 re-uses device 3)', async () => {
    const b = await simulateBundle({ gpuCount: 8, gpuDevice: (i) => (i === 7 ? 3 : i) });
    const err = errorOf(() => verifyBundle(b.encoded, verifyOptions()));
    expect(err?.code).toBe('BUNDLE_GPU_DUPLICATE_DEVICE');
    expect(err?.details).toMatchObject({ index: 7, duplicateOf: 3 });
    const ok = await simulateBundle({ gpuCount: 8 });
    expect(verifyBundle(ok.encoded, verifyOptions()).gpus).toHaveLength(8);
  });

  it('rejects two keys claiming the same UEID and device id', async () => {
    // A second leaf (device 1's key and FWID, issued by device 1's BROM) that copies device 0's serial and SAN device id.
    const { nvidia } = pkis();
    const d0 = nvidia.devices[0]!;
    const d1 = nvidia.devices[1]!;
    const leaf0 = new X509Certificate(Buffer.from(d0.chainDer[0]!));
    const serial = new Uint8Array(Buffer.from(leaf0.serialNumber, 'hex'));
    const spki1 = new Uint8Array(d1.leafKey.publicKey.export({ type: 'spki', format: 'der' }));
    const forged = issueCertificate({
      subjectCn: 'GH100 A01 GSP FMC LF',
      subjectSerial: leaf0.serialNumber,
      serial,
      key: d1.leafKey,
      issuer: { cn: d1.brom.cn, ...(d1.brom.serial ? { serial: d1.brom.serial } : {}), key: d1.brom.key },
      ca: false,
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('9999-12-31T23:59:59Z'),
      extraExtensions: [
        deviceIdSan(d0.deviceId),
        new Extension({
          extnID: '2.23.133.5.4.1',
          critical: false,
          extnValue: new OctetString(diceFwidExtension(spki1, d1.fwid)),
        }),
      ],
    });
    const twin: DevnetNvidiaPki = { ...nvidia, devices: [d0, { ...d1, chainDer: [forged, ...d1.chainDer.slice(1)] }] };
    // On its own the forged leaf is a valid devnet chain (distinct key), with device 0's UEID and device id.
    const v0 = verifyGpuEvidence(simulateGpuEvidence(nvidia, { nonce: nonce(1) }), {
      now: NOW,
      nonce: nonce(1),
      trust: nvidia.trust,
    });
    const v1 = verifyGpuEvidence(simulateGpuEvidence(twin, { nonce: nonce(2), device: 1 }), {
      now: NOW,
      nonce: nonce(2),
      trust: nvidia.trust,
    });
    expect(v1.device.leafSpkiSha256).not.toBe(v0.device.leafSpkiSha256);
    expect(v1.device.ueid).toBe(v0.device.ueid);
    expect(v1.device.deviceId).toBe(v0.device.deviceId);
    const b = await simulateBundle({ gpuCount: 2, nvidia: twin });
    const err = errorOf(() => verifyBundle(b.encoded, verifyOptions()));
    expect(err?.code).toBe('BUNDLE_GPU_DUPLICATE_DEVICE');
    expect(err?.details).toMatchObject({ index: 1, duplicateOf: 0, identity: 'ueid' });
  });

  it('the SIMULATED worker provider gives each GPU index its own device and refuses more GPUs than devices', async () => {
    const pki = createDevnetNvidiaPki({ seed: 'distinct-provider', devices: 3 });
    const p = createSimulatedGpuProvider({ pki, count: 3 });
    const chains = await Promise.all(
      [0, 1, 2].map(async (i) => Buffer.from((await p.getEvidence(nonce(i + 1), i)).certChain[0]!).toString('hex')),
    );
    expect(new Set(chains).size).toBe(3);
    expect(chains[1]).toBe(Buffer.from(pki.devices[1]!.chainDer[0]!).toString('hex'));
    expect(() => createSimulatedGpuProvider({ pki, count: 4 })).toThrow(RangeError);
    await expect(p.getEvidence(nonce(1), 3)).rejects.toThrow(RangeError);
  });
});
