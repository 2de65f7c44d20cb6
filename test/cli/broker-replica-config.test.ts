/**
 * Broker replica settings: `ledger.replicaId` / `--replica-id` / CHRYSALIS_BROKER_REPLICA_ID, `ledger.exclusive` /
 * `--ledger-exclusive`, the wallet rule on PostgreSQL, and what SIGUSR2 prints on a standby.
 */
import { Address } from '@ton/core';
import { run } from '../../cli/broker';
import { settleOnSignal, STANDBY_FLUSH_LINE } from '../../cli/broker-settle';
import { EXIT, exitCodeFor } from '../../cli/exit';
import { ConfigError, makeConfig } from '../../broker/config';
import { redactedSettings, resolveBrokerSettings } from '../../broker/config-file';
import type { BrokerChain } from '../../broker/chain';
import type { SettlerElection } from '../../broker/chain/settler-leader';
import { capture, captureWrites } from './helpers';

const REGISTRY = new Address(0, Buffer.alloc(32, 7)).toString();
const PG = 'postgres://broker:pw@db/chrysalis';
const chain = { network: 'testnet', registry: REGISTRY, wallet: { keyFile: '/nowhere' } };

describe('broker replica settings', () => {
  test('replica id: flag over file over env, default "default"; validated', () => {
    expect(resolveBrokerSettings({}).config.replicaId).toBe('default');
    const env = { CHRYSALIS_BROKER_REPLICA_ID: 'from-env' };
    expect(resolveBrokerSettings({ env }).config.replicaId).toBe('from-env');
    const file = { ledger: { postgres: PG, replicaId: 'from-file' } };
    expect(resolveBrokerSettings({ file, env }).config.replicaId).toBe('from-file');
    expect(resolveBrokerSettings({ file, env, flags: { 'replica-id': 'from-flag' } }).config.replicaId).toBe(
      'from-flag',
    );
    for (const bad of ['Upper', 'a_b', 'x'.repeat(65)])
      expect(() => resolveBrokerSettings({ flags: { 'replica-id': bad } })).toThrow(/replicaId/);
    expect(() => makeConfig({ replicaId: '' })).toThrow(ConfigError);
    expect(() => makeConfig({ ledgerExclusive: 'yes' as unknown as boolean })).toThrow(ConfigError);
    const shown = redactedSettings(resolveBrokerSettings({ file })) as { ledger: Record<string, unknown> };
    expect(shown.ledger).toMatchObject({ replicaId: 'from-file', exclusive: false });
    expect(JSON.stringify(shown)).not.toContain(':pw@');
  });

  test('PostgreSQL with a chain: highload-v3, or a seqno wallet only with ledger.exclusive', () => {
    const on = (wallet: Record<string, unknown>, ledger: Record<string, unknown>) =>
      resolveBrokerSettings({ file: { ...chain, wallet: { ...chain.wallet, ...wallet }, ledger } });
    for (const version of ['v4', 'v5r1'])
      expect(() => on({ version }, { postgres: PG })).toThrow(
        `config: wallet.version: ${version} with ledger.postgres needs ledger.exclusive: true (or highload-v3)`,
      );
    expect(on({ version: 'v4' }, { postgres: PG, exclusive: true }).config.ledgerExclusive).toBe(true);
    expect(on({ version: 'highload-v3' }, { postgres: PG }).wallet.version).toBe('highload-v3');
    expect(on({ version: 'v4' }, { sqlite: '/tmp/x.sqlite' }).wallet.version).toBe('v4'); // one process: no rule
    expect(() => on({}, { postgres: PG, exclusive: 'maybe' })).toThrow(
      'config: ledger.exclusive: must be true or false',
    );
    const flagged = resolveBrokerSettings({
      file: { ...chain, ledger: { postgres: PG } },
      flags: { 'ledger-exclusive': true as unknown as string },
    });
    expect(flagged.config.ledgerExclusive).toBe(true);
  });

  test('a seqno wallet on PostgreSQL without --ledger-exclusive exits 2 naming the rule', async () => {
    const r = await capture(() =>
      run(['--network', 'testnet', '--registry-address', REGISTRY, '--wallet-key-file', '/nowhere', '--pg', PG]),
    );
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toContain('ledger.exclusive');
  });

  test('the ledger held elsewhere or unreachable exits 4', () => {
    expect(exitCodeFor({ code: 'BROKER_LEDGER_IN_USE' })).toBe(EXIT.NETWORK);
    expect(exitCodeFor({ code: 'BROKER_LEDGER_UNAVAILABLE' })).toBe(EXIT.NETWORK);
  });

  test('SIGUSR2 on a standby says so and flushes nothing; on the leader it flushes', async () => {
    let flushes = 0;
    const bc = {
      settler: {
        flush: async () => void flushes++,
        channels: () => [],
        workers: () => [],
      },
    } as unknown as BrokerChain;
    let leader = false;
    const election: SettlerElection = { isLeader: () => leader, role: () => 'standby', stop: async () => undefined };
    const out = captureWrites();
    const off = settleOnSignal(bc, election);
    try {
      process.emit('SIGUSR2' as NodeJS.Signals);
      leader = true;
      process.emit('SIGUSR2' as NodeJS.Signals);
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      off();
      out.restore();
    }
    expect(flushes).toBe(1);
    expect(out.stdout()).toContain(`${STANDBY_FLUSH_LINE}\n`);
    expect(out.stdout()).toContain('settlement: flushed');
  });
});
