/** `chrysalis devnet` — PLACEHOLDER until the devnet lands (issue 7). */
export async function run(_argv: string[]): Promise<number> {
  process.stdout.write(
    'chrysalis devnet: not built yet. It will start the TON sandbox with the contracts, a broker, two simulated\n' +
      'TDX + GPU workers on the tiny ONNX test model and an OpenAI-compatible gateway on 127.0.0.1.\n',
  );
  return 0;
}
