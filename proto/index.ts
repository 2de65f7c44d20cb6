/** chrysalis/proto — the generated chrysalis.v1 wire and attestation messages (protobufjs static code). */
export { chrysalis } from './generated/chrysalis';
