/**
 * `chrysalis worker claim --config FILE` — claim every voucher the worker keeps (`payouts.sqlite` in its data dir)
 * that the chain has not paid yet, now, whatever the claim threshold. The Claim is sent from the operating wallet
 * (it pays the fees); the channel pays the payout address.
 *
 * Prints one line per channel: `claimed <channel> <claimed nanoTON>` or `failed <channel> <CODE>`; `nothing to
 * claim` when every kept voucher is paid. Exit 0 when every claim applied, 4 when one could not be sent or applied.
 */
import { EXIT, reportError, usageError } from './exit';
import { helpText, parseFlags, type CommandSpec } from './flags';
import { resolveWorkerSettings } from './worker-config';
import { openPayouts } from './worker-payouts';

export const spec = {
  name: 'worker claim',
  synopsis: '--config FILE [options]',
  summary:
    'Claim the vouchers the worker keeps from its brokers now (from the operating wallet, to the payout address).',
  options: {
    config: { type: 'string', arg: 'FILE', desc: 'the worker config file (as for `chrysalis worker`)' },
    'data-dir': { type: 'string', arg: 'DIR', desc: 'where payouts.sqlite lives [dataDir]' },
    'chain-api': {
      type: 'string',
      multiple: true,
      arg: 'URL',
      desc: 'toncenter v2 endpoint [payments.chain.endpoints]',
    },
    network: { type: 'string', arg: 'devnet|testnet|mainnet', desc: 'the network vouchers name [payments.network]' },
    'operating-key-file': {
      type: 'string',
      arg: 'FILE',
      desc: 'operating wallet key (32-byte seed, hex) [operatingWallet.keyFile]',
    },
    'operating-mnemonic-file': {
      type: 'string',
      arg: 'FILE',
      desc: 'operating wallet mnemonic [operatingWallet.mnemonicFile]',
    },
  },
  notes: ['A flag beats the file. Claims already applied are not sent again (the contract pays a voucher once).'],
} as const satisfies CommandSpec;

export async function run(argv: string[]): Promise<number> {
  try {
    const parsed = parseFlags(spec, argv);
    if (parsed === 'help') {
      process.stdout.write(helpText(spec));
      return EXIT.OK;
    }
    const w = resolveWorkerSettings(parsed.values);
    const payouts = await openPayouts(w, undefined, { claimsOnly: true });
    if (!payouts) throw usageError('--chain-api (payments.chain) is required to claim');
    try {
      if (!w.operatingWallet?.keyFile && !w.operatingWallet?.mnemonicFile)
        throw usageError('an operating wallet (operatingWallet.keyFile or mnemonicFile) is required to claim');
      const outcomes = await payouts.claimDue(1n);
      if (outcomes.length === 0) process.stdout.write('nothing to claim\n');
      for (const o of outcomes) {
        process.stdout.write(
          o.claimed !== undefined ? `claimed ${o.channel} ${o.claimed}\n` : `failed ${o.channel} ${o.code ?? ''}\n`,
        );
      }
      return outcomes.every((o) => o.claimed !== undefined) ? EXIT.OK : EXIT.NETWORK;
    } finally {
      await payouts.close();
    }
  } catch (err) {
    return reportError(spec.name, err, { usage: helpText(spec) });
  }
}
