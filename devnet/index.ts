/**
 * chrysalis/devnet — everything SIMULATED: the devnet Intel-like and NVIDIA-like PKIs, the TDX quote and GPU evidence
 * simulators, simulated worker evidence providers, the sandbox TON chain and test helpers. None of it is reachable
 * from the production entry points (`chrysalis/attestation`, `/sdk`, `/broker`, `/worker`, `/contracts`); a verifier
 * accepts its roots only when they are passed to it explicitly.
 */
export * from './intel';
export * from './nvidia';
export * from './providers';
export * from './chain';
export * from './sim-bundle';
