import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRtmr3Extender, RTMR3_SYSFS_PATH, RtmrError } from '../../enclave-runtime/rtmr';
import {
  configRuntimeEvent,
  modelRuntimeEvent,
  readyRuntimeEvent,
  runtimeEventDigest,
  replayRuntimeLog,
  runtimeEventFromJson,
  appraiseRuntimeLog,
  chrysalisRuntimePolicy,
  type RuntimeEvent,
} from '../../attestation/eventlog';

const cfg = new Uint8Array(32).fill(1);
const model = 'ab'.repeat(32);
const log = (): RuntimeEvent[] => [configRuntimeEvent(cfg), modelRuntimeEvent(model), readyRuntimeEvent()];
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof RtmrError) return e.code;
    throw e;
  }
  return undefined;
};

describe('RTMR3 extender', () => {
  let root: string;
  let file: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'chrysalis-rtmr-'));
    file = join(root, RTMR3_SYSFS_PATH);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, Buffer.alloc(48));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('simulated: keeps records and replays them', async () => {
    const x = createRtmr3Extender({ kind: 'simulated' });
    for (const e of log()) await x.extend(e);
    expect(x.events()).toEqual(log());
    expect(hex(x.value())).toBe(hex(replayRuntimeLog(log())));
    expect(hex(await x.readRegister())).toBe(hex(x.value()));
    expect(() =>
      appraiseRuntimeLog(x.events(), x.value(), chrysalisRuntimePolicy({ configDigest: cfg, modelId: model })),
    ).not.toThrow();
  });

  it('kernel: writes each 48-byte digest at offset 0 of rtmr3:sha384 under the injected root', async () => {
    const x = createRtmr3Extender({ kind: 'kernel', root, verifyReadback: false });
    const events = log();
    for (const e of events) {
      await x.extend(e);
      const written = readFileSync(file);
      expect(written.length).toBe(48);
      expect(hex(written)).toBe(hex(runtimeEventDigest(e)));
    }
    expect(x.events()).toEqual(events);
    expect(hex(x.value())).toBe(hex(replayRuntimeLog(events)));
  });

  it('kernel: records are journalled before the extend', async () => {
    const journalPath = join(root, 'rtmr3.jsonl');
    const x = createRtmr3Extender({ kind: 'kernel', root, verifyReadback: false, journalPath });
    for (const e of log()) await x.extend(e);
    const lines = readFileSync(journalPath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => runtimeEventFromJson(JSON.parse(l)));
    expect(lines).toEqual(log());
  });

  it('kernel: a missing interface is RTMR_INTERFACE_MISSING and nothing is recorded', async () => {
    const x = createRtmr3Extender({ kind: 'kernel', root: join(root, 'nowhere'), verifyReadback: false });
    expect(await codeOf(x.extend(readyRuntimeEvent()))).toBe('RTMR_INTERFACE_MISSING');
  });

  it('kernel: readback catches a register that does not follow the records, and the extender stays broken', async () => {
    // a plain file does not extend: the read-back value is the digest itself, not SHA-384(0 || digest)
    const x = createRtmr3Extender({ kind: 'kernel', root });
    expect(await codeOf(x.extend(configRuntimeEvent(cfg)))).toBe('RTMR_READBACK_MISMATCH');
    expect(await codeOf(x.extend(readyRuntimeEvent()))).toBe('RTMR_EXTENDER_BROKEN');
    // the record stays: replay against the real register fails, which is the safe direction
    expect(x.events()).toHaveLength(1);
  });

  it('kernel: a register that is not zero before the first event is RTMR_ALREADY_EXTENDED', async () => {
    writeFileSync(file, Buffer.alloc(48, 7));
    const x = createRtmr3Extender({ kind: 'kernel', root });
    expect(await codeOf(x.extend(configRuntimeEvent(cfg)))).toBe('RTMR_ALREADY_EXTENDED');
    expect(x.events()).toHaveLength(0);
  });

  it('kernel: a read-only interface is RTMR_INTERFACE_MISSING', async () => {
    if (process.getuid?.() === 0) return; // root ignores file modes
    chmodSync(file, 0o444);
    const x = createRtmr3Extender({ kind: 'kernel', root, verifyReadback: false });
    expect(await codeOf(x.extend(configRuntimeEvent(cfg)))).toBe('RTMR_INTERFACE_MISSING');
  });

  it('a malformed event is refused before anything is recorded', async () => {
    const x = createRtmr3Extender({ kind: 'simulated' });
    await expect(
      x.extend({ version: 1, name: 'Bad Name', kind: 'instance', payload: new Uint8Array() }),
    ).rejects.toMatchObject({ code: 'RUNTIME_EVENT_BAD_NAME' });
    expect(x.events()).toHaveLength(0);
  });

  it('concurrent extends are serialised in call order', async () => {
    const x = createRtmr3Extender({ kind: 'kernel', root, verifyReadback: false });
    await Promise.all(log().map((e) => x.extend(e)));
    expect(x.events().map((e) => e.name)).toEqual(log().map((e) => e.name));
  });

  it('unknown kind is a TypeError', () => {
    expect(() => createRtmr3Extender({ kind: 'tpm' as never })).toThrow(TypeError);
  });
});
