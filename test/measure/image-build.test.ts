import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(__dirname, '..', '..', 'image', 'build.sh');

describe('image/build.sh (argument handling and registry output; the build itself needs a TDX host)', () => {
  let dir: string;
  let fake: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'chrysalis-build-'));
    // stands in for `chrysalis`: records its argv and prints a measurement document
    fake = join(dir, 'fake-chrysalis.js');
    writeFileSync(
      fake,
      `if (process.argv[2] === 'model') { process.stdout.write('ee'.repeat(32) + '\\n'); process.exit(0); }
       require('fs').writeFileSync(${JSON.stringify(join(dir, 'argv.json'))}, JSON.stringify(process.argv.slice(2)));
       process.stdout.write(JSON.stringify({ ok: true, imageId: 'aa'.repeat(32), platformId: process.argv.includes('--acpi') ? 'bb'.repeat(32) : null }));`,
    );
    writeFileSync(join(dir, 'cmdline'), 'console=hvc0 ro roothash=1234\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sh = (args: string[]) =>
    spawnSync('bash', [SCRIPT, ...args], {
      encoding: 'utf8',
      env: { ...process.env, CHRYSALIS: `node ${fake}` },
      timeout: 20000,
    });

  it('--help exits 0; missing or bad arguments exit 2', () => {
    expect(sh(['--help']).status).toBe(0);
    expect(sh([]).status).toBe(2);
    expect(sh(['--ovmf', 'x', '--memory', '2G']).status).toBe(2);
    expect(sh(['--ovmf', 'x', '--memory', '2G', '--cpus', 'two']).status).toBe(2);
    expect(sh(['--ovmf', 'x', '--memory', '2G', '--cpus', '2', '--profile', 'dev']).status).toBe(2);
    expect(sh(['--ovmf', 'x', '--memory', '2G', '--cpus', '2', '--model-dir', 'm']).status).toBe(2);
    expect(sh(['--ovmf', 'x', '--memory', '2G', '--cpus', '2', '--measure-only']).status).toBe(2);
    expect(sh(['--ovmf']).status).toBe(2);
    expect(sh(['--frobnicate']).status).toBe(2);
  });

  it('--dry-run prints the mkosi build, the model volume and the measure command', () => {
    const r = sh([
      '--ovmf',
      '/x/OVMF.fd',
      '--memory',
      '64G',
      '--cpus',
      '16',
      '--out',
      join(dir, 'out'),
      '--model-dir',
      '/m',
      '--model-name',
      'llama',
      '--model-revision',
      'r1',
      '--dry-run',
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('+ mkosi --directory');
    expect(r.stdout).toContain('build-model-volume.sh /m llama r1');
    expect(r.stdout).toContain('image measure --ovmf /x/OVMF.fd');
    expect(r.stdout).toContain('chrysalis.model_roothash=<model-roothash>');
    expect(existsSync(join(dir, 'argv.json'))).toBe(false);
  });

  it('without --dry-run on a non-TDX machine the build refuses with exit 3', () => {
    const tdx = (() => {
      try {
        return readFileSync('/sys/module/kvm_intel/parameters/tdx', 'utf8').trim() === 'Y';
      } catch {
        return false;
      }
    })();
    if (tdx) return;
    expect(sh(['--ovmf', '/x/OVMF.fd', '--memory', '2G', '--cpus', '2', '--out', join(dir, 'out2')]).status).toBe(3);
  });

  it('--measure-only runs the measurement and prints the registry commands', () => {
    const out = join(dir, 'out3');
    const r = sh([
      '--measure-only',
      '--ovmf',
      '/x/OVMF.fd',
      '--kernel',
      '/x/vmlinuz',
      '--initrd',
      '/x/initrd',
      '--cmdline-file',
      join(dir, 'cmdline'),
      '--memory',
      '64G',
      '--cpus',
      '16',
      '--acpi',
      '/x/acpi',
      '--qemu-version',
      '10.2.0',
      '--out',
      out,
      '--model-name',
      'llama',
      '--model-revision',
      'r1',
      '--model-dir',
      '/m',
      '--model-roothash',
      'cd'.repeat(32),
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`chrysalis contracts add-image --id ${'aa'.repeat(32)} --registry-address`);
    expect(r.stdout).toContain(`chrysalis contracts add-platform --id ${'bb'.repeat(32)} --registry-address`);
    // the model id is `chrysalis model id <model dir>` (the stand-in prints ee..ee for it)
    const modelId = 'ee'.repeat(32);
    expect(r.stdout).toContain(`chrysalis contracts add-model --id ${modelId} --multiplier 10000 --registry-address`);
    const argv = JSON.parse(readFileSync(join(dir, 'argv.json'), 'utf8')) as string[];
    expect(argv.slice(0, 2)).toEqual(['image', 'measure']);
    expect(argv[argv.indexOf('--cmdline') + 1]).toBe(
      `console=hvc0 ro roothash=1234 chrysalis.model_roothash=${'cd'.repeat(32)}`,
    );
    expect(argv).toEqual(expect.arrayContaining(['--qemu-version', '10.2.0', '--acpi', '/x/acpi', '--json']));
    expect(JSON.parse(readFileSync(join(out, 'measurement.json'), 'utf8'))['imageId']).toBe('aa'.repeat(32));
  });

  it('without --acpi the platform id is reported unknown and no add-platform is printed', () => {
    const r = sh([
      '--measure-only',
      '--ovmf',
      '/x/OVMF.fd',
      '--kernel',
      'k',
      '--initrd',
      'i',
      '--cmdline-file',
      join(dir, 'cmdline'),
      '--memory',
      '2G',
      '--cpus',
      '2',
      '--out',
      join(dir, 'out4'),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('platform id: unknown');
    expect(r.stdout).not.toContain('add-platform');
  });
});
