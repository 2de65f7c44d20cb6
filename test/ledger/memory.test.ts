import { MemoryLedger } from '../../broker/ledger';
import { ledgerSuite } from './suite';

describe('MemoryLedger', () => {
  ledgerSuite(
    async () => new MemoryLedger(),
    async (old) => old,
  );
});
