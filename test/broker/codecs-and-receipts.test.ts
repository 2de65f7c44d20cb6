/**
 * Broker edges without a server: request body decoding (protobuf / JSON / unsupported media types), error-code
 * mapping, and the receipt verifier over attestation/receipt (wrong key, bad signature, amounts beyond 2^53).
 */
import { generateKeyPairSync } from 'node:crypto';
import { decodeSubmit, decodeVoucher } from '../../broker/http-codec';
import { codeOf, httpStatusOf, BrokerError } from '../../broker/errors';
import { attestationReceiptVerifier } from '../../broker/adapters';
import { v1 } from '../../broker/wire';
import { ed25519RawPublicKey, requestDigest, signReceipt, type Receipt } from '../../attestation/receipt';

const catchCode = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code ?? 'untyped';
  }
  return 'accepted';
};

const submit = {
  workerId: 'AB'.repeat(32),
  modelId: new Uint8Array(32).fill(1),
  sealed: Uint8Array.of(1),
  clientKey: new Uint8Array(32).fill(2),
  nonce: new Uint8Array(16).fill(3),
  signature: new Uint8Array(64).fill(4),
  channel: '0:abc',
  maxPromptPriceNano: 10,
  maxCompletionPriceNano: 11,
  maxCostNano: 500,
};
const voucher = {
  channel: '0:abc',
  cumulativeNano: 900,
  voucher: Uint8Array.of(9, 9),
  signature: new Uint8Array(64).fill(8),
  clientKey: new Uint8Array(32).fill(2),
};

describe('request body decoding', () => {
  const proto = (m: Uint8Array, ct = 'application/x-protobuf; charset=binary') => ({
    headers: { 'content-type': ct },
    body: Buffer.from(m),
  });

  it('protobuf and JSON bodies decode the same submit; worker ids are lower-cased', () => {
    const bin = v1.SubmitRequest.encode(v1.SubmitRequest.create(submit)).finish();
    const a = decodeSubmit(proto(bin));
    const json = JSON.stringify(
      v1.SubmitRequest.toObject(v1.SubmitRequest.decode(bin), { bytes: String, longs: Number }),
    );
    const b = decodeSubmit({ headers: { 'content-type': 'application/json' }, body: Buffer.from(json) });
    expect(a.workerId).toBe('ab'.repeat(32));
    expect(a).toMatchObject({ maxPromptPriceNano: 10, maxCompletionPriceNano: 11, maxCostNano: 500 });
    expect(a.voucher).toBeUndefined();
    expect(b).toEqual(a);
  });

  it("a voucher riding on the submit is decoded (protobuf and JSON), and must be the client's, for its channel", () => {
    const bin = v1.SubmitRequest.encode(v1.SubmitRequest.create({ ...submit, voucher })).finish();
    const a = decodeSubmit(proto(bin));
    expect(a.voucher).toEqual({ ...voucher, voucher: Uint8Array.of(9, 9) });
    const json = JSON.stringify(
      v1.SubmitRequest.toObject(v1.SubmitRequest.decode(bin), { bytes: String, longs: Number }),
    );
    expect(decodeSubmit({ headers: { 'content-type': 'application/json' }, body: Buffer.from(json) })).toEqual(a);
    for (const bad of [
      { ...voucher, clientKey: new Uint8Array(32).fill(3) },
      { ...voucher, channel: '0:abd' },
      { ...voucher, cumulativeNano: 0 },
      { ...voucher, voucher: new Uint8Array(0) },
      { ...voucher, signature: new Uint8Array(63) },
    ]) {
      const m = v1.SubmitRequest.encode(v1.SubmitRequest.create({ ...submit, voucher: bad })).finish();
      expect(catchCode(() => decodeSubmit(proto(m)))).toBe('BROKER_BAD_REQUEST');
    }
  });

  it('unsupported media types, non-object JSON, absent bodies and invalid fields are typed', () => {
    expect(catchCode(() => decodeSubmit({ headers: { 'content-type': 'text/plain' }, body: Buffer.from('x') }))).toBe(
      'BROKER_UNSUPPORTED_MEDIA_TYPE',
    );
    expect(catchCode(() => decodeSubmit({ headers: {}, body: Buffer.from('x') }))).toBe(
      'BROKER_UNSUPPORTED_MEDIA_TYPE',
    );
    expect(
      catchCode(() => decodeSubmit({ headers: { 'content-type': 'application/json' }, body: Buffer.from('[1]') })),
    ).toBe('BROKER_BAD_REQUEST');
    expect(catchCode(() => decodeSubmit({ headers: { 'content-type': 'application/json' } }))).toBe(
      'BROKER_BAD_REQUEST',
    );
    const noChannel = v1.SubmitRequest.encode(v1.SubmitRequest.create({ ...submit, channel: '' })).finish();
    expect(catchCode(() => decodeSubmit(proto(noChannel)))).toBe('BROKER_BAD_REQUEST');
    // amounts beyond 2^53 do not decode to an exact number
    for (const f of ['maxPromptPriceNano', 'maxCompletionPriceNano', 'maxCostNano']) {
      const json = JSON.stringify({
        ...v1.SubmitRequest.toObject(v1.SubmitRequest.create(submit), { bytes: String, longs: Number }),
        [f]: '18446744073709551615',
      });
      expect(
        catchCode(() => decodeSubmit({ headers: { 'content-type': 'application/json' }, body: Buffer.from(json) })),
      ).toBe('BROKER_BAD_REQUEST');
    }
    const voucher = v1.Voucher.encode(
      v1.Voucher.create({ channel: 'c', cumulativeNano: 0, voucher: Uint8Array.of(1), signature: new Uint8Array(64) }),
    ).finish();
    expect(catchCode(() => decodeVoucher(proto(voucher, 'application/octet-stream')))).toBe('BROKER_BAD_REQUEST');
  });
});

describe('error codes', () => {
  it('typed errors keep their code; well-formed foreign codes pass; anything else falls back', () => {
    expect(codeOf(new BrokerError('BROKER_NO_WORKER', 'x'))).toBe('BROKER_NO_WORKER');
    expect(codeOf({ code: 'ECONNRESET' })).toBe('ECONNRESET');
    expect(codeOf({ code: 'lower_case' })).toBe('BROKER_INTERNAL');
    expect(codeOf({ code: 7 }, 'FALLBACK')).toBe('FALLBACK');
    expect(codeOf(null)).toBe('BROKER_INTERNAL');
    expect(httpStatusOf('BROKER_NO_WORKER')).toBe(404);
    expect(httpStatusOf('SOMETHING_ELSE')).toBe(500);
  });
});

describe('attestationReceiptVerifier', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const workerKey = ed25519RawPublicKey(privateKey);
  const base: Receipt = {
    requestDigest: requestDigest(Uint8Array.of(1)),
    responseDigest: new Uint8Array(32),
    modelId: new Uint8Array(32).fill(5),
    promptTokens: 3,
    completionTokens: 4,
    promptPriceNano: 10n,
    completionPriceNano: 20n,
    channel: new Uint8Array(32).fill(6),
    seq: 2n,
    workerKey,
  };
  const verifier = attestationReceiptVerifier();
  const code = async (p: unknown) =>
    Promise.resolve(p).then(
      () => 'accepted',
      (e: { code?: string }) => e.code,
    );

  it('returns the facts and charges the receipt amount (prompt price x prompt + completion price x completion)', async () => {
    const { bytes, signature } = signReceipt(base, privateKey);
    const f = await verifier.verify(bytes, signature, workerKey);
    expect(f).toMatchObject({
      promptTokens: 3,
      completionTokens: 4,
      promptPriceNano: 10,
      completionPriceNano: 20,
      amountNano: 110,
      seq: 2,
      channel: '06'.repeat(32),
    });
    expect(verifier.charge(f)).toBe(110);
  });

  it('rejects another worker key, a bad signature and amounts beyond 2^53', async () => {
    const { bytes, signature } = signReceipt(base, privateKey);
    expect(await code(verifier.verify(bytes, signature, new Uint8Array(32).fill(1)))).toBe(
      'RECEIPT_WORKER_KEY_MISMATCH',
    );
    const bad = signature.slice();
    bad[0] = bad[0]! ^ 1;
    expect(await code(verifier.verify(bytes, bad, workerKey))).toBe('RECEIPT_SIGNATURE_INVALID');
    const huge = signReceipt({ ...base, completionPriceNano: 1n << 60n }, privateKey);
    expect(await code(verifier.verify(huge.bytes, huge.signature, workerKey))).toBe('BROKER_BAD_RECEIPT');
    // a price beyond 2^53 with no tokens at it: the amount fits, the price does not
    const dear = signReceipt({ ...base, promptTokens: 0, promptPriceNano: 1n << 60n }, privateKey);
    expect(await code(verifier.verify(dear.bytes, dear.signature, workerKey))).toBe('BROKER_BAD_RECEIPT');
  });
});
