import { Cell } from '@ton/core';

/**
 * The compiled HighloadWallet code (contracts/tolk/highload_wallet.tolk, Tolk 1.3 via @ton/tolk-js), as a BoC in
 * base64, so a broker can derive its wallet address without compiling. `test/contracts/highload-wallet.test.ts`
 * compiles the sources and fails whenever this copy is stale: after editing the contract, paste the new BoC here.
 */
export const HIGHLOAD_WALLET_CODE_BOC64 = [
  'te6ccgECEwEAAj8AART/APSkE/S88sgLAQIBIAIDAgFIBAUC+PKDCNcY1NEg+QAB0NMf1NMH0wzTCdM/0xXR7UTQ0//TH/QE9ATT',
  'P9MV0VQd5fkQ8uCWUaK68uCXUzu68uCYJYQJufLgmfgjU1C78uCaUgWhFbzy4JtTKqEqvI4RMymqACKiGbmTNm0G3m1HdwiRMuJU',
  'd0PwAZF/4w7y0JwQEQICzwYHAgEgCAkAVT4kZEw4CDXScFgkTDg0x8BghCuQuWkvZEw4PiS+CjHBZEw4dM/MddM7VWAAKwCgA30a',
  'yBukltw4NABcdck1wsAwAGACAnMKCwIBIA4PAC+tznaiaGn/6Y+Y+gIY+gIY6Z+Y6YqY6MACASAMDQAuq7btRNDT/zHTHzH0BDH0',
  'BDHTP9MVMdEALqo77UTQ0/8x0x/0BDH0BDHTPzHTFTHRAC+5pu7UTQ0/8x0x8x9AQx9AQx0z8x0xXRgAobi/LtRNDT/zHTHzH0BP',
  'QE0z/TFdEEjh74I1MEoSK8jhEzI6oANFIkoTICvJIwbd5tAZJbMuKSMDLiIqsJA4QJsFQyMvABk18Df5VZ8AHDAOKAAOVHJD8AHD',
  'AAH8JtDXCwDy0J34AFNHgA30a8ghbo4yMSSTIMIAnSCDB7YIcFQQM88BAqHoMM+DhAlQBaGlkyDCAJ0ggwe2CHBUEGbPAQWh6DCO',
  'FgHQUwXXIFjOz4OECVAGoaXXIlAEzgPiA8lAR4AN9BcByMv/EssfFPQAE/QAE8s/E8sVye1UEgAK+A8B+wA=',
].join('');

let code: Cell | undefined;

/** The HighloadWallet code cell. */
export function highloadWalletCode(): Cell {
  code ??= Cell.fromBase64(HIGHLOAD_WALLET_CODE_BOC64);
  return code;
}
