import { describeVectors, readVector, readVectorJson } from '../helpers/vectors';
import {
  mrtdCandidates,
  computeMrtd,
  parseTdvfMetadata,
  authenticodeSha384,
  tdHobDigest,
  tdHobLayoutFromWitness,
  buildTdHob,
  predictMeasurements,
  loadOptionsDigest,
  secureBootVariableDigests,
  uiAppBootOption,
  RTMR1_TAIL,
  MeasureError,
} from '../../attestation/measure';
import { foldDigests, parseEventLog, replayEventLog } from '../../attestation/eventlog';
import { manifest } from '../eventlog/helpers';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));
type M = {
  synthetic_measurement_vectors: Array<{ id: string; path: string; expected: Record<string, string> }>;
  predictions: Array<Record<string, any>>;
  known_event_digests: Record<string, string>;
  published_values_needing_downloads: Array<Record<string, any>>;
};
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof MeasureError) return e.code;
    throw e;
  }
  return undefined;
};

describeVectors('eventlog')('measurement prediction vectors (MANIFEST.json)', () => {
  const m = manifest() as unknown as M;
  const syn = (id: string) => m.synthetic_measurement_vectors.find((v) => v.id === id)!;

  it('synthetic-tdvf-mrtd: MRTD from the TDVF metadata (both page orders)', () => {
    const v = syn('synthetic-tdvf-mrtd');
    const fw = new Uint8Array(readVector('eventlog', v.path));
    const meta = parseTdvfMetadata(fw);
    expect(meta.sections.map((s) => s.type)).toEqual(['BFV', 'CFV', 'TD_HOB', 'TEMP_MEM']);
    const c = mrtdCandidates(fw);
    expect(hex(c.singlePass)).toBe(v.expected['mrtd']);
    expect(hex(c.twoPass)).toBe(v.expected['mrtd']);
    const p = predictMeasurements({ ovmf: fw, memory: 2n << 30n, cpus: 1 });
    expect(p.mrtd.value).toBe(v.expected['mrtd']);
  });

  it('synthetic-tdvf-mrtd: one flipped BFV byte changes MRTD; a damaged footer or descriptor is typed', () => {
    const v = syn('synthetic-tdvf-mrtd');
    const fw = new Uint8Array(readVector('eventlog', v.path));
    const f1 = fw.slice();
    f1[100]! ^= 1;
    expect(hex(computeMrtd(f1, 'single-pass'))).not.toBe(v.expected['mrtd']);
    const f2 = fw.slice();
    f2[fw.length - 33]! ^= 1; // footer GUID
    expect(code(() => parseTdvfMetadata(f2))).toBe('MEASURE_TDVF_NOT_FOUND');
    const f3 = fw.slice();
    f3[0x2000]! ^= 1; // "TDVF"
    expect(code(() => parseTdvfMetadata(f3))).toBe('MEASURE_TDVF_NOT_FOUND');
    const f4 = fw.slice();
    f4[0x2000 + 16 + 8]! ^= 1; // BFV GPA no longer page aligned
    expect(code(() => parseTdvfMetadata(f4))).toBe('MEASURE_TDVF_INVALID');
    for (let cut = 0; cut < fw.length; cut += 97)
      expect(code(() => mrtdCandidates(fw.subarray(0, cut)))).toMatch(/^MEASURE_TDVF_/);
  });

  it('synthetic-pe-authenticode: Authenticode SHA-384', () => {
    const v = syn('synthetic-pe-authenticode');
    const pe = new Uint8Array(readVector('eventlog', v.path));
    expect(hex(authenticodeSha384(pe))).toBe(v.expected['authenticode_sha384']);
    const p2 = pe.slice();
    p2[0x40 + 24 + 64]! ^= 0xff; // CheckSum is excluded
    expect(hex(authenticodeSha384(p2))).toBe(v.expected['authenticode_sha384']);
    const p3 = pe.slice();
    p3[0x300]! ^= 1; // .text content
    expect(hex(authenticodeSha384(p3))).not.toBe(v.expected['authenticode_sha384']);
    for (let cut = 0; cut < 0x200; cut += 7)
      expect(code(() => authenticodeSha384(pe.subarray(0, cut)))).toBe('MEASURE_PE_INVALID');
  });

  it('td-hob-digest-by-memory-size: TD HOB digest for every recorded memory size', () => {
    const p = m.predictions.find((x) => x['id'] === 'td-hob-digest-by-memory-size')!;
    const layout = tdHobLayoutFromWitness(unhex(p['witness_hex']));
    expect(layout.tdHobBase).toBe(0x809000n);
    for (const [mem, digest] of Object.entries(p['digests'] as Record<string, string>)) {
      expect(hex(tdHobDigest(BigInt(mem), layout))).toBe(digest);
    }
    expect(buildTdHob(0x80000000n, layout).length).toBe(440);
    expect(buildTdHob(0x1000000000n, layout).length).toBe(488);
  });

  it('known fixed event digests are rebuilt from their definitions', () => {
    const k = m.known_event_digests;
    const sb = secureBootVariableDigests();
    expect(sb.map((x) => hex(x.digest))).toEqual(
      ['SecureBoot', 'PK', 'KEK', 'db', 'dbx'].map((n) => k[`EV_EFI_VARIABLE_DRIVER_CONFIG ${n} (empty)`]),
    );
    expect(hex(RTMR1_TAIL[0]!.digest)).toBe(k["EV_EFI_ACTION 'Calling EFI Application from Boot Option'"]);
    expect(hex(RTMR1_TAIL[1]!.digest)).toBe(k['separator EV_SEPARATOR 00000000']);
    expect(hex(RTMR1_TAIL[2]!.digest)).toBe(k["EV_EFI_ACTION 'Exit Boot Services Invocation'"]);
    expect(hex(RTMR1_TAIL[3]!.digest)).toBe(k["EV_EFI_ACTION 'Exit Boot Services Returned with Success'"]);
    const uiApp = uiAppBootOption();
    expect(uiApp.length).toBe(62);
    expect(hex(require('node:crypto').createHash('sha384').update(uiApp).digest())).toBe(
      k['EV_EFI_VARIABLE_BOOT Boot0000 = OVMF UiApp load option (62 bytes)'],
    );
  });

  it('dstack-tdx-lite-prediction: MRTD and RTMR0..2 from the measurement document equal the quote', () => {
    const p = m.predictions.find((x) => x['id'] === 'dstack-tdx-lite-prediction')!;
    const doc = readVectorJson<{
      measurement: { image: Record<string, string>; tdvf: { mrtd: Record<string, string>; td_hob: string } };
    }>('eventlog', p['inputs']['measurement_document']).measurement;
    const fixture = readVectorJson<{ event_log: string; vm_config: string }>(
      'eventlog',
      'dstack/dstack/verifier/fixtures/tdx-lite-getquote.json',
    );
    const vm = JSON.parse(fixture.vm_config) as { memory_size: number; cpu_count: number; qemu_version: string };
    const log = parseEventLog(fixture.event_log);
    const acpi = (n: string) => log.events.find((e) => e.name === n)!.sha384!;
    const pred = predictMeasurements({
      mrtdCandidates: { singlePass: unhex(doc.tdvf.mrtd['single_pass']!), twoPass: unhex(doc.tdvf.mrtd['two_pass']!) },
      cfvDigest: unhex(
        m.known_event_digests['EV_EFI_PLATFORM_FIRMWARE_BLOB2 CFV of dstack/trustee OVMF (empty variable store)']!,
      ),
      tdHobLayout: tdHobLayoutFromWitness(unhex(doc.tdvf.td_hob)),
      kernelAuthenticode: unhex(doc.image['kernel_authenticode']!),
      loadOptionsDigest: unhex(doc.image['cmdline_sha384']!),
      initrdDigest: unhex(doc.image['initrd_sha384']!),
      acpiDigests: { tableLoader: acpi('acpi-loader'), rsdp: acpi('acpi-rsdp'), tables: acpi('acpi-tables') },
      memory: BigInt(vm.memory_size),
      cpus: vm.cpu_count,
      qemuVersion: vm.qemu_version,
    });
    expect(pred.mrtd.pageOrder).toBe('two-pass');
    expect(pred.mrtd.value).toBe(p['expected']['mrtd']);
    expect(pred.rtmr0.value).toBe(p['expected']['rtmr0']);
    expect(pred.rtmr1.value).toBe(p['expected']['rtmr1']);
    expect(pred.rtmr2.value).toBe(p['expected']['rtmr2']);
    expect(pred.rtmr0.events[0]!.digest).toBe(p['predicted']['td_hob_event_digest']);
    // event lists line up with the replayed log, event by event
    const replay = replayEventLog(log);
    for (const [i, r] of [
      [0, pred.rtmr0],
      [1, pred.rtmr1],
      [2, pred.rtmr2],
    ] as const) {
      expect(r.events.map((e) => e.digest)).toEqual(replay.byRegister[i]!.map((e) => e.digest));
    }
  });

  it('aleph-hw-rtmr2: LoadOptions digest (prefix form) and RTMR2 fold', () => {
    const a = m.published_values_needing_downloads.find((x) => x['id'] === 'aleph-hw-rtmr2')!;
    const lo = loadOptionsDigest('root=LABEL=cloudimg-rootfs ro console=ttyS0', true, 'prefix');
    expect(hex(lo)).toBe(a['load_options_digest']);
    expect(
      hex(loadOptionsDigest('root=LABEL=cloudimg-rootfs ro console=ttyS0', true, 'suffix')).startsWith('32fed393'),
    ).toBe(true);
    expect(hex(foldDigests([lo, unhex(a['initrd_sha384'])]))).toBe(a['rtmr2']);
    const pred = predictMeasurements({
      cmdline: 'root=LABEL=cloudimg-rootfs ro console=ttyS0',
      initrdDigest: unhex(a['initrd_sha384']),
      loadOptionsForm: 'prefix',
      memory: 2n << 30n,
      cpus: 1,
      qemuVersion: '10.2.4',
    });
    expect(pred.rtmr2.value).toBe(a['rtmr2']);
    expect(pred.rtmr0.value).toBeNull();
    expect(pred.rtmr0.missing).toEqual(['ovmf or tdHobLayout', 'ovmf or cfvDigest', 'acpi']);
  });

  it('trustee CCEL_data_ovmf (2 GiB): TD HOB and CFV events equal the prediction inputs', () => {
    const log = replayEventLog(
      parseEventLog(new Uint8Array(readVector('eventlog', 'coco-trustee/deps/eventlog/test_data/CCEL_data_ovmf'))),
    );
    const layout = tdHobLayoutFromWitness(unhex('80100904000609020b021010'));
    expect(log.byRegister[0]![0]!.digest).toBe(hex(tdHobDigest(0x80000000n, layout)));
  });
});
