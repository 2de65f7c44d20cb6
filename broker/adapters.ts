/**
 * Real implementations of the broker's ports, over the attestation library, plus static ones for the devnet and
 * for `chrysalis broker --registry-file/--clients-file`. Loaded lazily so the broker core never depends on them.
 */
import { ed25519VerifyAsync } from './crypto';
import { bytesEqual, toHex } from '../core/bytes';
import { BrokerError } from './errors';
import type {
  AdmittedIdentity,
  BundleVerifier,
  ChannelDirectory,
  ClientChannel,
  ReceiptFacts,
  ReceiptVerifier,
  RegistrySnapshot,
  RegistryView,
} from './ports';
import type * as BundleLib from '../attestation/bundle';
import type * as ReceiptLib from '../attestation/receipt';
import type * as OwnCollateralLib from '../attestation/collateral/own-collateral';

export interface AttestationVerifierOptions {
  readonly registry: RegistryView;
  /** Trust roots (devnet PKIs must be passed explicitly; production uses the pinned Intel/NVIDIA roots). */
  readonly trust?: BundleLib.VerifyBundleOptions['trust'];
  readonly policy?: BundleLib.BundlePolicy;
  readonly collateral?: BundleLib.VerifyBundleOptions['collateral'];
  /**
   * Fetches the verifier's own Intel collateral for each bundle's quote (a PCS client: `createNodePcsClient`). The
   * bundle's collateral is then used only when at least as fresh. When the fetch fails, `collateral` (or else the
   * bundle's own, still bounded by the policy's tcbEvaluationDataNumber floor) is used.
   */
  readonly pcs?: OwnCollateralLib.CollateralSource;
}

/** BundleVerifier over `verifyBundle` from attestation/bundle: crypto, binding, event log, GPU, registry appraisal. */
export function attestationBundleVerifier(opts: AttestationVerifierOptions): BundleVerifier {
  return {
    async verify(bundle, { now, challenge, registry }): Promise<AdmittedIdentity> {
      const lib = require('../attestation/bundle') as typeof BundleLib;
      const snap = registry ?? (await opts.registry.snapshot());
      const own = require('../attestation/collateral/own-collateral') as typeof OwnCollateralLib;
      const collateral = await own.ownCollateralFor(bundle, opts.pcs, opts.collateral);
      const v = lib.verifyBundle(bundle, {
        now,
        registry: {
          version: snap.version,
          imageIds: snap.imageIds,
          platformIds: snap.platformIds,
          modelIds: snap.modelIds,
          ...(snap.modelPrices ? { modelPrices: snap.modelPrices } : {}),
          ...(snap.modelDiskRootHashes ? { modelDiskRootHashes: snap.modelDiskRootHashes } : {}),
        },
        expectedChallenge: challenge,
        ...(opts.trust ? { trust: opts.trust } : {}),
        ...(opts.policy ? { policy: opts.policy } : {}),
        ...(collateral ? { collateral } : {}),
      });
      return {
        signingPublicKey: v.signingPublicKey,
        hpkePublicKey: v.hpkePublicKey,
        imageId: Buffer.from(v.imageId, 'hex'),
        platformId: Buffer.from(v.platformId, 'hex'),
        modelId: Buffer.from(v.modelId, 'hex'),
        brokerChallenge: v.claims.brokerChallenge,
        prices: v.prices,
        validUntil: v.validUntil,
      };
    },
  };
}

/** ReceiptVerifier over attestation/receipt (E): canonical decode + Ed25519; charge = the receipt's own amountNano. */
export function attestationReceiptVerifier(): ReceiptVerifier {
  const lib = require('../attestation/receipt') as typeof ReceiptLib;
  return {
    async verify(receipt, signature, workerKey): Promise<ReceiptFacts> {
      // Same checks as lib.verifyReceipt (canonical decode, key match, Ed25519), with the broker's cached key objects.
      const r = lib.decodeReceipt(receipt);
      if (!bytesEqual(r.workerKey, workerKey))
        throw new lib.ReceiptError('RECEIPT_WORKER_KEY_MISMATCH', 'receipt names another worker key');
      if (!(await ed25519VerifyAsync(workerKey, receipt, signature)))
        throw new lib.ReceiptError('RECEIPT_SIGNATURE_INVALID', 'receipt signature does not verify');
      const amount = r.amountNano;
      const max = BigInt(Number.MAX_SAFE_INTEGER);
      if (amount > max || r.promptPriceNano > max || r.completionPriceNano > max)
        throw new BrokerError('BROKER_BAD_RECEIPT', 'receipt amount out of range');
      return {
        requestDigest: r.requestDigest,
        modelId: r.modelId,
        promptTokens: r.promptTokens,
        completionTokens: r.completionTokens,
        promptPriceNano: Number(r.promptPriceNano),
        completionPriceNano: Number(r.completionPriceNano),
        amountNano: Number(amount),
        channel: typeof r.channel === 'string' ? r.channel : toHex(r.channel),
        seq: Number(r.seq),
        workerKey: r.workerKey,
      };
    },
    charge(r): number {
      return r.amountNano;
    },
  };
}

/** A fixed registry snapshot (devnet, tests, `--registry-file`). */
export class StaticRegistry implements RegistryView {
  constructor(private snap: RegistrySnapshot) {}
  async snapshot(): Promise<RegistrySnapshot> {
    return this.snap;
  }
  set(snap: RegistrySnapshot): void {
    this.snap = snap;
  }
}

/** A fixed client -> channel table (devnet, tests, `--clients-file`), keyed by hex client key. */
export class StaticChannels implements ChannelDirectory {
  private readonly byKey = new Map<string, ClientChannel>();
  constructor(entries: readonly { clientKey: string; channel: string; depositNano: number }[] = []) {
    for (const e of entries) this.set(e.clientKey, e.channel, e.depositNano);
  }
  set(clientKeyHex: string, channel: string, depositNano: number): void {
    this.byKey.set(clientKeyHex.toLowerCase(), { channel, depositNano });
  }
  async lookup(clientKey: Uint8Array): Promise<ClientChannel | null> {
    return this.byKey.get(toHex(clientKey)) ?? null;
  }
}
