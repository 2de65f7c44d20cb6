/** SIMULATED evidence providers for a worker outside a TDX CVM: a TDX quote from the devnet Intel-like PKI, GPU evidence from the devnet NVIDIA-like PKI. */
export { createSimulatedTdx, devnetTdFields, type SimulatedTdx, type SimulatedTdxOptions } from './simulated-tdx';
export { createDevnetGpuPki, createSimulatedGpuProvider, type SimulatedGpuOptions } from './simulated-gpu';
