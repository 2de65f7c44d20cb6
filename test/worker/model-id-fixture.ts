/** The model id's published test vector (docs/model-id.md): a directory built from fixed bytes, and its ids. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The vector's files: fixed bytes, one of them nested two levels down. */
export const VECTOR_FILES: Readonly<Record<string, Uint8Array>> = {
  'config.json': new Uint8Array(Buffer.from('{"vocab_size":4}\n')),
  'tokenizer.json': new Uint8Array(Buffer.from('{"model":{"vocab":{}}}\n')),
  'weights/part-0.bin': Uint8Array.from({ length: 256 }, (_, i) => i),
  'weights/b/a.txt': new Uint8Array(Buffer.from('nested\n')),
};
export const VECTOR_MANIFEST =
  'config.json\t17\t6f0f205336cbf0b08cf48514b3e2855185a62106d2ea0004106a32782cbf1318\n' +
  'tokenizer.json\t23\tf8ac56e48843fc2b2b557d3ac1abdee44cacb8333ca0d9ab655004742770c85f\n' +
  'weights/b/a.txt\t7\t370a8c04b8a65bb4494275eec227f1b694db04c76da6b0b8ae88ed1ab19790a3\n' +
  'weights/part-0.bin\t256\t40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880\n' +
  'engine-config\t\n';
export const VECTOR_ID = '9d75b63019fa4bb0277a45dadc3b8e8e0f8538991c702b2fa8d7f98ac5bd5b9d';
export const VECTOR_ENGINE_CONFIG = '{"dtype":"bfloat16"}\n';
export const VECTOR_ENGINE_CONFIG_DIGEST = '44ed4ed5894a09a86af3d0b4295b70764eafb0efd929501a7bfc65ec268241dd';
export const VECTOR_ID_WITH_ENGINE_CONFIG = 'f41d7f2b9651d1cc976df4419f2b2e0279edffe0cc7a63abc0fe81170fd80723';

/** Writes the vector into a fresh directory and returns it. */
export function writeVector(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'chrysalis-model-vector-')), 'model');
  for (const [p, b] of Object.entries(VECTOR_FILES)) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), b);
  }
  return dir;
}
