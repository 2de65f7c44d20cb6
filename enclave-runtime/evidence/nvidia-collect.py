#!/usr/bin/env python3
"""GPU evidence collector for the chrysalis worker (enclave-runtime/evidence/nvidia-gpu.ts).

Prints NVIDIA Attestation SDK style evidence JSON for one GPU:
  [{"arch": "HOPPER", "nonce": "<hex>", "evidence": "<base64 SPDM report>", "certificate": "<base64 PEM chain>"}]
through NVML (nvidia-ml-py >= 12.535, the same calls as nvtrust's local GPU verifier):
  nvmlDeviceGetConfComputeGpuAttestationReport(handle, nonce) and nvmlDeviceGetConfComputeGpuCertificate(handle).
Requires the NVIDIA driver with the GPU in confidential-computing mode (`nvidia-smi conf-compute -grs` -> ready).
NOT exercised in CI (no CC hardware there); the TypeScript side is tested against recorded NVIDIA evidence.

usage: nvidia-collect.py --nonce <64 hex chars> --index <gpu index>
"""
import argparse
import base64
import json
import sys

import pynvml  # nvidia-ml-py


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nonce", required=True)
    ap.add_argument("--index", type=int, default=0)
    a = ap.parse_args()
    nonce = bytes.fromhex(a.nonce)
    if len(nonce) != 32:
        print("nonce must be 32 bytes", file=sys.stderr)
        return 2
    pynvml.nvmlInit()
    try:
        h = pynvml.nvmlDeviceGetHandleByIndex(a.index)
        rep = pynvml.nvmlDeviceGetConfComputeGpuAttestationReport(h, nonce)
        report = bytes(rep.attestationReport[: rep.attestationReportSize])
        cert = pynvml.nvmlDeviceGetConfComputeGpuCertificate(h)
        chain = bytes(cert.attestationCertChain[: cert.attestationCertChainSize])
        arch = pynvml.nvmlDeviceGetArchitecture(h)
        name = {9: "HOPPER", 10: "BLACKWELL"}.get(arch, str(arch))
    finally:
        pynvml.nvmlShutdown()
    json.dump(
        [{"arch": name, "nonce": nonce.hex(), "evidence": base64.b64encode(report).decode(), "certificate": base64.b64encode(chain).decode()}],
        sys.stdout,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
