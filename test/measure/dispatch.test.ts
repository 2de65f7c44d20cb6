import { main } from '../../cli';

describe('chrysalis dispatcher reaches the measured-boot commands', () => {
  it.each([[['image', 'measure', '--help']], [['attest', 'eventlog', '--help']]])('%j exits 0', async (argv) => {
    const o = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(argv)).toBe(0);
    } finally {
      o.mockRestore();
    }
  });
});
