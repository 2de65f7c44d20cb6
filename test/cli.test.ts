import { main } from '../cli';

describe('chrysalis CLI dispatch', () => {
  let out: jest.SpyInstance;
  let err: jest.SpyInstance;
  beforeEach(() => {
    out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    out.mockRestore();
    err.mockRestore();
  });

  it('prints usage and exits 2 without a command', async () => {
    await expect(main([])).resolves.toBe(2);
    expect(String(out.mock.calls[0]?.[0])).toContain('chrysalis attest quote');
  });

  it('refuses an unknown command with exit 2', async () => {
    await expect(main(['frobnicate'])).resolves.toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toContain("unknown command 'frobnicate'");
  });
});
