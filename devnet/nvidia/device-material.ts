/** The signing material of one SIMULATED GPU of a devnet PKI. */
import type { DevnetKey } from './keys';
import type { DevnetCa, DevnetNvidiaPki } from './pki';

/** The signing material of SIMULATED device `index` (device 0: the PKI's single-device fields). */
export interface DeviceMaterial {
  readonly chainDer: readonly Uint8Array[];
  readonly leafKey: DevnetKey;
  readonly fwid: Uint8Array;
  readonly brom: DevnetCa;
}

export function deviceMaterial(pki: DevnetNvidiaPki, index = 0): DeviceMaterial {
  if (index === 0)
    return { chainDer: pki.deviceChainDer, leafKey: pki.deviceLeafKey, fwid: pki.fwid, brom: pki.cas.deviceBrom };
  const d = Number.isInteger(index) && index > 0 ? pki.devices[index] : undefined;
  if (!d) throw new RangeError(`the devnet PKI has no device ${index} (it has ${pki.devices.length})`);
  return d;
}
