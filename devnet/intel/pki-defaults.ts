/** QE identity values and default TCB levels of the SIMULATED devnet Intel-like DCAP PKI. */
import type { SimModuleIdentity, SimQeLevel, SimTcbLevel } from './tcb-json';

/** Intel's TD_QE MRSIGNER and ISVPRODID (the simulated QE reuses them; trust comes from the root, not these). */
export const TD_QE_MRSIGNER = 'DC9E2A7C6F948F17474E34A7FC43ED030F7C1563F1BABDDF6340C82E0E54A8C5';
export const TD_QE_ISVPRODID = 2;

/** Default PCK SGX TCB (a real Sapphire Rapids level) and the levels published in the devnet TCB Info. */
export const DEVNET_SGX_TCB_COMPONENTS: readonly number[] = [2, 2, 2, 2, 3, 1, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0];
export const DEVNET_PCE_SVN = 11;
export const DEVNET_FMSPC = '90C06F000000';

export const DEVNET_TCB_LEVELS: readonly SimTcbLevel[] = [
  {
    sgxtcbcomponents: DEVNET_SGX_TCB_COMPONENTS,
    pcesvn: 11,
    tdxtcbcomponents: [5, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    tcbDate: '2024-03-13T00:00:00Z',
    tcbStatus: 'UpToDate',
  },
  {
    sgxtcbcomponents: [2, 2, 2, 2, 3, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0],
    pcesvn: 5,
    tdxtcbcomponents: [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    tcbDate: '2018-01-04T00:00:00Z',
    tcbStatus: 'OutOfDate',
    advisoryIDs: ['INTEL-SA-00837', 'INTEL-SA-00960'],
  },
];
export const DEVNET_MODULE_IDENTITIES: readonly SimModuleIdentity[] = [
  { id: 'TDX_03', tcbLevels: [{ isvsvn: 3, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' }] },
  {
    id: 'TDX_01',
    tcbLevels: [
      { isvsvn: 4, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' },
      { isvsvn: 2, tcbDate: '2023-08-09T00:00:00Z', tcbStatus: 'OutOfDate' },
    ],
  },
];
export const DEVNET_QE_LEVELS: readonly SimQeLevel[] = [
  { isvsvn: 4, tcbDate: '2024-03-13T00:00:00Z', tcbStatus: 'UpToDate' },
  { isvsvn: 2, tcbDate: '2023-08-09T00:00:00Z', tcbStatus: 'OutOfDate', advisoryIDs: ['INTEL-SA-00615'] },
];
