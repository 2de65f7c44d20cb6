import { ChrysalisError } from '../../attestation/errors';
import { BrokerError } from '../errors';
import { sha256, workerIdOf } from '../crypto';
import { bytesEqual, toHex } from '../../core/bytes';
import type { BrokerContext, AdmittedWorker } from './types';
import { AdmissionThrottle } from './admission-throttle';
import { MAX_BUNDLE_BYTES } from '../../attestation/bundle/bundle';

/** How an admission came about. */
export interface AdmitOptions {
  /**
   * Set when the broker asked on its own schedule (periodic re-attestation) on a connection admitted under this worker
   * id: such an admission of the same key is not counted against the key's admission limit.
   */
  readonly scheduledFor?: string | undefined;
}

/**
 * Admission = verify (BundleVerifier: crypto + binding) -> appraise (registry allowlists + broker policy).
 * Every outcome is recorded in the ledger, counted in metrics and logged with its code; accepted admissions are
 * published to the AdmissionLogger (on-chain log), whose failures never block admission. Admissions a worker causes are
 * limited per worker key across connections (ADMISSION_RATE_LIMITED), and an unchanged identity is not published again
 * while its last published admission is valid.
 */
export class AdmissionService {
  private readonly throttle: AdmissionThrottle;

  constructor(private readonly ctx: BrokerContext) {
    this.throttle = new AdmissionThrottle(ctx.config);
  }

  async admit(
    bundle: Uint8Array,
    challenge: Uint8Array,
    connId: string,
    opts: AdmitOptions = {},
  ): Promise<AdmittedWorker> {
    const now = this.ctx.clock.now();
    const digest = sha256(bundle);
    let result: AdmittedWorker | undefined;
    try {
      const w = await this.check(bundle, digest, challenge, now);
      if (opts.scheduledFor !== w.workerId && !this.throttle.admit(w.workerId, now.getTime()))
        throw new BrokerError('ADMISSION_RATE_LIMITED', 'too many admissions for this worker key');
      result = w;
      return result;
    } catch (err) {
      const code = err instanceof ChrysalisError ? err.code : 'ADMISSION_BUNDLE_INVALID';
      this.ctx.metrics.admissions.inc({ result: 'rejected', code });
      this.ctx.metrics.rejections.inc({ code });
      this.ctx.logger.warn(
        { event: 'admission', ok: false, code, connId, bundleDigest: digest.toString('hex') },
        'worker refused at admission',
      );
      await this.ctx.ledger
        .recordAdmission({
          workerId: '',
          ok: false,
          code,
          bundleDigest: digest.toString('hex'),
          imageId: '',
          modelId: '',
          atMs: now.getTime(),
        })
        .catch((e: unknown) => this.ctx.logger.error({ err: e }, 'ledger: admission not recorded'));
      throw err instanceof ChrysalisError
        ? err
        : new BrokerError('ADMISSION_BUNDLE_INVALID', 'bundle verification failed', { cause: err });
    } finally {
      if (result) {
        const r = result;
        this.ctx.metrics.admissions.inc({ result: 'admitted', code: 'OK' });
        this.ctx.logger.info(
          {
            event: 'admission',
            ok: true,
            connId,
            workerId: r.workerId,
            imageId: toHex(r.identity.imageId),
            modelId: toHex(r.identity.modelId),
            bundleDigest: toHex(r.bundleDigest),
          },
          'worker admitted',
        );
        await this.ctx.ledger
          .recordAdmission({
            workerId: r.workerId,
            ok: true,
            code: 'OK',
            bundleDigest: toHex(r.bundleDigest),
            imageId: toHex(r.identity.imageId),
            modelId: toHex(r.identity.modelId),
            atMs: now.getTime(),
          })
          .catch((e: unknown) => this.ctx.logger.error({ err: e }, 'ledger: admission not recorded'));
        if (this.ctx.admissionLogger && this.throttle.shouldLog(r, now.getTime())) {
          this.ctx.admissionLogger
            .logAdmission({
              workerId: r.workerId,
              signingPublicKey: r.identity.signingPublicKey,
              imageId: r.identity.imageId,
              platformId: r.identity.platformId,
              modelId: r.identity.modelId,
              bundleDigest: r.bundleDigest,
              at: now,
            })
            .catch((e: unknown) => {
              this.throttle.unlog(r.workerId);
              this.ctx.logger.error({ err: e, workerId: r.workerId }, 'admission log (on-chain) failed');
            });
        }
      }
    }
  }

  private async check(bundle: Uint8Array, digest: Buffer, challenge: Uint8Array, now: Date): Promise<AdmittedWorker> {
    // Whatever BundleVerifier is wired in, a bundle over the cap is never handed to it.
    if (bundle.length === 0 || bundle.length > MAX_BUNDLE_BYTES)
      throw new BrokerError(
        'ADMISSION_BUNDLE_INVALID',
        `bundle of ${bundle.length} bytes outside 1..${MAX_BUNDLE_BYTES}`,
      );
    let registry;
    try {
      registry = await this.ctx.registry.snapshot();
    } catch (cause) {
      // SECURITY: no registry, no admission (fail closed).
      throw new BrokerError('ADMISSION_REGISTRY_UNAVAILABLE', 'registry snapshot unavailable', { cause });
    }
    // The same snapshot the allowlists below are read from: verifyBundle appraises the claimed prices against its
    // modelPrices (BUNDLE_PRICE_ABOVE_REGISTRY / BUNDLE_PRICE_UNKNOWN).
    const id = await this.ctx.bundleVerifier.verify(bundle, { now, challenge, registry });
    if (!bytesEqual(id.brokerChallenge, challenge))
      throw new BrokerError('ADMISSION_CHALLENGE_MISMATCH', 'bundle answers another challenge');
    const allowed = (list: readonly string[], v: Uint8Array): boolean =>
      list.map((s) => s.toLowerCase()).includes(toHex(v));
    if (!allowed(registry.imageIds, id.imageId))
      throw new BrokerError('ADMISSION_IMAGE_NOT_ALLOWED', 'image id not in the registry');
    if (!allowed(registry.platformIds, id.platformId))
      throw new BrokerError('ADMISSION_PLATFORM_NOT_ALLOWED', 'platform id not in the registry');
    if (!allowed(registry.modelIds, id.modelId))
      throw new BrokerError('ADMISSION_MODEL_NOT_ALLOWED', 'model id not in the registry');
    // The worker's price is the one committed in its verified claims, never anything it says on the wire. Checked
    // here as well as in verifyBundle, so a BundleVerifier that skips the appraisal cannot admit a dearer worker.
    if (registry.modelPrices) {
      const ceiling = registry.modelPrices[toHex(id.modelId)];
      if (!ceiling) throw new BrokerError('ADMISSION_PRICE_NOT_ALLOWED', 'the registry has no price for the model');
      if (id.prices.promptNano > ceiling.promptNano || id.prices.completionNano > ceiling.completionNano)
        throw new BrokerError('ADMISSION_PRICE_NOT_ALLOWED', 'committed price above the registry price');
    }
    const nowMs = now.getTime();
    // The admission lapses at the next re-attestation deadline or when the evidence expires, whichever is first.
    const evidenceUntil = id.validUntil?.getTime() ?? Infinity;
    if (!(evidenceUntil > nowMs))
      throw new BrokerError('ADMISSION_EVIDENCE_EXPIRED', 'the evidence is past its validity');
    return {
      workerId: workerIdOf(id.signingPublicKey),
      identity: id,
      modelIdHex: toHex(id.modelId),
      bundle,
      bundleDigest: new Uint8Array(digest),
      admittedAtMs: nowMs,
      validUntilMs: Math.min(
        nowMs + this.ctx.config.reattestIntervalMs + this.ctx.config.reattestGraceMs,
        evidenceUntil,
      ),
    };
  }
}
