/**
 * The compiled PaymentChannel code (contracts/tolk/payment_channel.tolk, Tolk 1.3 via @ton/tolk-js), as a BoC in
 * base64. A channel is genuine when its code hash equals `paymentChannelCodeHash()`; the broker checks it before
 * serving a channel. `test/contracts/code-hash.test.ts` compiles the sources and fails (printing the new value)
 * whenever this copy is stale: after editing the contract, paste the printed BoC here.
 */
export const PAYMENT_CHANNEL_CODE_BOC64 = [
  'te6cckECEQEABDEAART/APSkE/S88sgLAQIBYgIOAgLPAw0EUT4kZEw4CDXLCIbQBAM4wLXLCIbQBAU4wLXLCIbQBAc4wLXLCIbQ',
  'BAkgBAUHCAH8Me1E0NTTP9Mf+gD6ANM/0wHTH9En0PpI+kgx0/8x0fiSxwXy4G4h8tB1JYEOEL7y4HwI0z/6ADD4lyGCCTEtAKC+',
  '8uBlFaAHyMwWyz8Uyx8l+gIh+gITyz8TywEUyx/J7VQCoYIImJaAoHL7AviSyM+FCPpSghDVMnbbzwuOCgH8Me1E0NTTP9Mf+gD6',
  'ANM/0wHTH9En0PpI+kjT/9EkwwLy4Hn4l4IJMS0AvvLgZQvTP4MI1xjXTFoUcFRF8FRu4FRu4FRu4FRu4BEX8AFsIlIXoSYLyMwa',
  'yz8Yyx8m+gIn+gIZyz8SywHLH8ntVFAjoYIImJaAoHL7AsjPhQgUBgBw+lIi+gKCEENoAgbPC4pY+gISyz/LPyHPCz/JgBH7APiS',
  'yM+FCPpSghDVMnbbzwuOyz/JgQCC+wAA8DHtRNDU0z/TH/oA+gDTP9MB0x8x0SbQ+kj6SDHT/zHR+JLHBfLgbvLQdfiXggkxLQC+',
  '8uBl+CMGyMwVyz8Tyx8h+gIi+gITyz/PhYATyx/J7VSiggiYloCgcvsC1ws/+JLIz4UI+lKCENUydtvPC47LP8mBAIL7AAIm4wLX',
  'LCIbQBAs4wIwhA8BxwDy9AkLAfwx7UTQ1NM/0x/6APoA0z/TAdMf0SfQ+kj6SNP/MdH4kiLHBfiSWMcFsfLgeiLDAvLgeQLAAfLg',
  'dvgjUxagvvLgd1NDoQjIzBfLPxXLH1AD+gIB+gLLP8+GgBLLH8ntVIIImJaAcvsCAtcLP8jPhQgT+lKCEENoAgfPC44B+gIKABDL',
  'P8mBAIL7AAH8Me1E0NTTP9Mf+gD6ANM/0wHTH9En0PpI+kjT/9H4kiLHBfLgbyTDAvLgefiXggkxLQC+8uBlcAzTP/QFIG6TMDUw',
  'jik9DNCDCNcY1NFQQ38iUUJUE09RP1E/UT9RP0/jUt/wAWwiUhahClBTFOJTZaEKyMwZyz8Xyx9QBfoCDADGUAP6AiHPCz/PhoAT',
  'yx/J7VQkwgCOH8jPhQgT+lIk+gKCEENoAgfPC4pQBPoCIc8LP8lx+wCSMjPiggiYloBy+wLIz4UIEvpSghBDaAIGzwuOUAP6AiHP',
  'Cz/LP8s/yYEAgvsAALkNls0NDU1JfkAQHP5EPLgcAPQ1ywiG0KwFPLgePpI0h/6ANM/0fgoJMcF8uBxgBP4MyBu8tB70NcKHyO68',
  'uB7Ugi88uByBJZSNb7y4HOWUjW88uBz4lIiu/LgdAOACASAPEABPvH/naiaGppn+mP/QB9AGmf6YDpj+iD6H0kfSRp/+iki4KoGY',
  'QDIgpAA5vZFfaiaGoY6Z+Y6Y+Y/QB9AGmfmOmAmOmPmOjQzsf99R',
].join('');
