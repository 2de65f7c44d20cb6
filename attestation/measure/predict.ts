import { MeasureError } from './errors';
import { sha384, toHex, tryFromHex } from '../eventlog/bytes';
import { foldDigests } from '../eventlog/replay';
import * as T from '../eventlog/constants';
import { parseTdvfMetadata, computeMrtd, cfvDigest as cfvDigestOf, tdvfHobRanges, type PageOrder } from './tdvf';
import { authenticodeSha384 } from './authenticode';
import { patchKernelSetupHeader, qemuPatchesKernel, qemuPageOrder } from './kernel';
import { tdHobDigest, type TdHobLayout } from './td-hob';
import {
  secureBootVariableDigests,
  uiAppBootOption,
  SEPARATOR_DIGEST,
  RTMR1_TAIL,
  BOOT_ORDER_0000,
  loadOptionsDigest,
  loadOptionsString,
  type LoadOptionsForm,
  type PredictedEvent,
} from './events';

/**
 * Inputs to predict MRTD and RTMR0..2 of a QEMU direct-boot TDX guest. Each artefact can be given as bytes or as
 * its already-computed digest (dstack "lite" style: a measurement document plus the ACPI digests).
 */
export interface MeasureInputs {
  /** OVMF.fd: MRTD, CFV digest and TD HOB layout. */
  readonly ovmf?: Uint8Array;
  /** Instead of `ovmf`: the two MRTD candidates (48 bytes each). */
  readonly mrtdCandidates?: { readonly singlePass: Uint8Array; readonly twoPass: Uint8Array };
  readonly cfvDigest?: Uint8Array;
  /** Instead of `ovmf`: dstack's TD HOB witness or an explicit layout. */
  readonly tdHobLayout?: TdHobLayout;
  readonly kernel?: Uint8Array;
  /** Instead of `kernel`: the Authenticode digest OVMF logs (already patched as the QEMU version requires). */
  readonly kernelAuthenticode?: Uint8Array;
  readonly initrd?: Uint8Array;
  readonly initrdDigest?: Uint8Array;
  /** Needed with `kernel` and `initrdDigest` (no `initrd`) when QEMU patches the header. */
  readonly initrdSize?: number;
  readonly cmdline?: string;
  /** Instead of `cmdline`: the LoadOptions digest. */
  readonly loadOptionsDigest?: Uint8Array;
  /** Guest RAM in bytes. */
  readonly memory: bigint;
  /** vCPUs (recorded; enters RTMR0 only through the supplied ACPI tables' MADT). */
  readonly cpus: number;
  /** fw_cfg blobs etc/table-loader, etc/acpi/rsdp, etc/acpi/tables (captured or generated outside). */
  readonly acpi?: { readonly tableLoader: Uint8Array; readonly rsdp: Uint8Array; readonly tables: Uint8Array };
  readonly acpiDigests?: { readonly tableLoader: Uint8Array; readonly rsdp: Uint8Array; readonly tables: Uint8Array };
  /** Default '9.2.1'. Picks the MRTD page order and the kernel-header patch. */
  readonly qemuVersion?: string;
  /** Only 'pre202505' (edk2 <= 2025.02) is modelled for RTMR0. */
  readonly ovmfVariant?: 'pre202505';
  /** Default 'suffix' (pre-2025.05 OVMF). */
  readonly loadOptionsForm?: LoadOptionsForm;
}

export interface RegisterPrediction {
  /** hex, or null when an input is missing (see `missing`) */
  readonly value: string | null;
  readonly events: PredictedEvent[];
  readonly missing: string[];
}

export interface MeasurementPrediction {
  readonly version: 1;
  readonly mrtd: {
    readonly value: string | null;
    readonly singlePass: string | null;
    readonly twoPass: string | null;
    readonly pageOrder: PageOrder;
  };
  readonly rtmr0: RegisterPrediction;
  readonly rtmr1: RegisterPrediction;
  readonly rtmr2: RegisterPrediction;
  readonly shape: {
    readonly memory: string;
    readonly cpus: number;
    readonly qemuVersion: string;
    readonly ovmfVariant: string;
    readonly loadOptionsForm: LoadOptionsForm;
    readonly kernelHeaderPatched: boolean;
  };
  /** Input digests so an auditor can reproduce every step (hex SHA-384; cmdline as text). */
  readonly inputs: Record<string, string>;
}

const need48 = (name: string, b: Uint8Array | undefined): Uint8Array | undefined => {
  if (b !== undefined && b.length !== 48) throw new MeasureError('MEASURE_BAD_INPUT', `${name} must be 48 bytes`);
  return b;
};

function ev(type: number, name: string, digest: Uint8Array, covers: string): PredictedEvent {
  return { type, typeName: T.eventTypeName(type), name, digest: toHex(digest), covers };
}

function reg(events: PredictedEvent[], missing: string[]): RegisterPrediction {
  return {
    value: missing.length ? null : toHex(foldDigests(events.map((e) => tryFromHex(e.digest)!))),
    events,
    missing,
  };
}

/**
 * Predict MRTD, RTMR0, RTMR1, RTMR2 (reference tdx-measurement.md §3, §4). Registers whose inputs are missing come
 * back with value null and the names of the missing inputs.
 * @throws MeasureError MEASURE_BAD_INPUT | MEASURE_UNSUPPORTED | MEASURE_TDVF_* | MEASURE_PE_INVALID | MEASURE_KERNEL_INVALID
 */
export function predictMeasurements(inp: MeasureInputs): MeasurementPrediction {
  const qemuVersion = inp.qemuVersion ?? '9.2.1';
  const pageOrder = qemuPageOrder(qemuVersion);
  const patch = qemuPatchesKernel(qemuVersion);
  const form = inp.loadOptionsForm ?? 'suffix';
  const variant = inp.ovmfVariant ?? 'pre202505';
  if (variant !== 'pre202505') throw new MeasureError('MEASURE_UNSUPPORTED', `OVMF variant ${String(variant)}`);
  if (!Number.isInteger(inp.cpus) || inp.cpus < 1)
    throw new MeasureError('MEASURE_BAD_INPUT', 'cpus must be a positive integer');
  const inputs: Record<string, string> = {};

  // MRTD
  let single: Uint8Array | undefined;
  let two: Uint8Array | undefined;
  let cfv = need48('cfvDigest', inp.cfvDigest);
  let layout = inp.tdHobLayout;
  if (inp.ovmf) {
    inputs['ovmf_sha384'] = toHex(sha384(inp.ovmf));
    const meta = parseTdvfMetadata(inp.ovmf);
    single = computeMrtd(inp.ovmf, 'single-pass', meta);
    two = computeMrtd(inp.ovmf, 'two-pass', meta);
    cfv ??= cfvDigestOf(inp.ovmf, meta);
    layout ??= tdvfHobRanges(meta);
  } else if (inp.mrtdCandidates) {
    single = need48('mrtd single pass', inp.mrtdCandidates.singlePass);
    two = need48('mrtd two pass', inp.mrtdCandidates.twoPass);
  }
  const mrtd = pageOrder === 'single-pass' ? single : two;

  // RTMR0 (pre202505 layout: TD HOB, CFV, 5 Secure Boot variables, separator, 3 ACPI blobs, BootOrder, Boot0000)
  const r0: PredictedEvent[] = [];
  const m0: string[] = [];
  if (layout) {
    const d = tdHobDigest(inp.memory, layout);
    r0.push(ev(T.EV_EFI_HANDOFF_TABLES2, 'TdxTable', d, `TD HOB for ${inp.memory} bytes of RAM`));
  } else m0.push('ovmf or tdHobLayout');
  if (cfv)
    r0.push(ev(T.EV_EFI_PLATFORM_FIRMWARE_BLOB2, 'CFV', cfv, 'OVMF configuration firmware volume (variable store)'));
  else m0.push('ovmf or cfvDigest');
  for (const v of secureBootVariableDigests())
    r0.push(ev(T.EV_EFI_VARIABLE_DRIVER_CONFIG, v.name, v.digest, 'empty UEFI_VARIABLE_DATA'));
  r0.push(ev(T.EV_SEPARATOR, 'separator', SEPARATOR_DIGEST, '00000000'));
  const acpi =
    inp.acpiDigests ??
    (inp.acpi
      ? { tableLoader: sha384(inp.acpi.tableLoader), rsdp: sha384(inp.acpi.rsdp), tables: sha384(inp.acpi.tables) }
      : undefined);
  if (acpi) {
    r0.push(
      ev(
        T.EV_PLATFORM_CONFIG_FLAGS,
        'acpi-loader',
        need48('acpi table-loader', acpi.tableLoader)!,
        'fw_cfg etc/table-loader',
      ),
    );
    r0.push(ev(T.EV_PLATFORM_CONFIG_FLAGS, 'acpi-rsdp', need48('acpi rsdp', acpi.rsdp)!, 'fw_cfg etc/acpi/rsdp'));
    r0.push(
      ev(T.EV_PLATFORM_CONFIG_FLAGS, 'acpi-tables', need48('acpi tables', acpi.tables)!, 'fw_cfg etc/acpi/tables'),
    );
    inputs['acpi_table_loader_sha384'] = toHex(acpi.tableLoader);
    inputs['acpi_rsdp_sha384'] = toHex(acpi.rsdp);
    inputs['acpi_tables_sha384'] = toHex(acpi.tables);
  } else m0.push('acpi');
  r0.push(ev(T.EV_EFI_VARIABLE_BOOT, 'BootOrder', sha384(BOOT_ORDER_0000), 'BootOrder = 0000 (variable data)'));
  r0.push(ev(T.EV_EFI_VARIABLE_BOOT, 'Boot0000', sha384(uiAppBootOption()), 'UiApp load option (variable data)'));

  // RTMR1
  const r1: PredictedEvent[] = [];
  const m1: string[] = [];
  let initrdDigest = need48('initrdDigest', inp.initrdDigest);
  let initrdSize = inp.initrdSize;
  if (inp.initrd) {
    initrdDigest = sha384(inp.initrd);
    initrdSize = inp.initrd.length;
  }
  const hasInitrd = initrdDigest !== undefined;
  let kernelAc = need48('kernelAuthenticode', inp.kernelAuthenticode);
  if (inp.kernel) {
    inputs['kernel_sha384'] = toHex(sha384(inp.kernel));
    if (patch && hasInitrd && initrdSize === undefined)
      throw new MeasureError('MEASURE_BAD_INPUT', 'initrdSize is needed for the QEMU header patch');
    const img = patch ? patchKernelSetupHeader(inp.kernel, inp.memory, hasInitrd ? initrdSize : undefined) : inp.kernel;
    kernelAc = authenticodeSha384(img);
  }
  if (kernelAc) {
    inputs['kernel_authenticode_sha384'] = toHex(kernelAc);
    r1.push(
      ev(
        T.EV_EFI_BOOT_SERVICES_APPLICATION,
        'kernel',
        kernelAc,
        patch && inp.kernel ? 'Authenticode of the kernel as patched by QEMU <= 10.1' : 'Authenticode of the kernel PE',
      ),
    );
  } else m1.push('kernel or kernelAuthenticode');
  for (const t of RTMR1_TAIL)
    r1.push(ev(t.type, t.name, t.digest, t.type === T.EV_SEPARATOR ? '00000000' : 'ASCII event data'));

  // RTMR2
  const r2: PredictedEvent[] = [];
  const m2: string[] = [];
  let lo = need48('loadOptionsDigest', inp.loadOptionsDigest);
  if (inp.cmdline !== undefined) {
    lo = loadOptionsDigest(inp.cmdline, hasInitrd, form);
    inputs['cmdline'] = inp.cmdline;
    inputs['load_options'] = loadOptionsString(inp.cmdline, hasInitrd, form);
  }
  if (lo)
    r2.push(ev(T.EV_EVENT_TAG, 'LOADED_IMAGE::LoadOptions', lo, `UTF-16LE load options (${form} initrd form) + NUL`));
  else m2.push('cmdline or loadOptionsDigest');
  if (initrdDigest) {
    inputs['initrd_sha384'] = toHex(initrdDigest);
    r2.push(ev(T.EV_EVENT_TAG, 'Linux initrd', initrdDigest, 'initrd file bytes'));
  }

  return {
    version: 1,
    mrtd: {
      value: mrtd ? toHex(mrtd) : null,
      singlePass: single ? toHex(single) : null,
      twoPass: two ? toHex(two) : null,
      pageOrder,
    },
    rtmr0: reg(r0, m0),
    rtmr1: reg(r1, m1),
    rtmr2: reg(r2, m2),
    shape: {
      memory: inp.memory.toString(),
      cpus: inp.cpus,
      qemuVersion,
      ovmfVariant: variant,
      loadOptionsForm: form,
      kernelHeaderPatched: patch && inp.kernel !== undefined,
    },
    inputs,
  };
}
