/**
 * The compiled PaymentChannel code (contracts/tolk/payment_channel.tolk, Tolk 1.3 via @ton/tolk-js), as a BoC in
 * base64. A channel is genuine when its code hash equals `paymentChannelCodeHash()`; the broker checks it before
 * serving a channel. `test/contracts/code-hash.test.ts` compiles the sources and fails (printing the new value)
 * whenever this copy is stale: after editing the contract, paste the printed BoC here.
 */
export const PAYMENT_CHANNEL_CODE_BOC64 = [
  'te6ccgECFAEABMIAART/APSkE/S88sgLAQIBYgIDAgLOBAUCASASEwIBIAYHAfVNMfMdMfAYIQQ2gCBr2RMOD6ANM/1ws/7UTQ1N',
  'M/0x/6APoA0z/TAdMf0SHAAo4yEHlfCdD6SPpIMdP/MdGCCJiWgHL7AsjPhQj6UoIQQ2gCB88LjgH6AnDPCz/JgQCC+wDgUDqhUh',
  'm6kTCRNuIEyMwTyz/LHwH6AlADgRBFM+JGS8ALgINcsIhtAEAzjAtcsIhtAEBTjAtcsIhtAEBzjAtcsIhtAECSAICQoLALkNls0N',
  'DU1JfkAQHP5EPLgcAPQ1ywiG0KwFPLgePpI0h/6ANM/0fgoJMcF8uBxgBP4MyBu8tB70NcKHyO68uB7Ugi88uByBJZSNb7y4HOWU',
  'jW88uBz4lIiu/LgdAOAB/DHtRNDU0z/TH/oA+gDTP9MB0x/RJ9D6SPpIMdP/MdH4kscF8uBuIfLQdSWBDhC+8uB8CNM/+gAw+Jch',
  'ggkxLQCgvvLgZRWgB8jMFss/FMsfJfoCIfoCE8s/E8sBFMsfye1UAqGCCJiWgKBy+wL4ksjPhQj6UoIQ1TJ2288Ljg8B/DHtRNDU',
  '0z/TH/oA+gDTP9MB0x/RJ9D6SPpI0//RJMMC8uB5+JeCCTEtAL7y4GUL0z+DCNcY10xaFHBURfBUbuBUbuBUbuBUbuARF/ABbCJS',
  'F6EmC8jMGss/GMsfJvoCJ/oCGcs/EssByx/J7VRQI6GCCJiWgKBy+wLIz4WIFAwA8DHtRNDU0z/TH/oA+gDTP9MB0x8x0SbQ+kj6',
  'SDHT/zHR+JLHBfLgbvLQdfiXggkxLQC+8uBl+CMGyMwVyz8Tyx8h+gIi+gITyz/PhYATyx/J7VSiggiYloCgcvsC1ws/+JLIz4UI',
  '+lKCENUydtvPC47LP8mBAIL7AAIm4wLXLCIbQBAs4wIwhA8BxwDy9A0OAHD6UiL6AoIQQ2gCBs8Lilj6AhLLP8s/Ic8LP8mAEfsA',
  '+JLIz4UI+lKCENUydtvPC47LP8mBAIL7AAH8Me1E0NTTP9Mf+gD6ANM/0wHTH9En0PpI+kjT/zHR+JIixwX4kljHBbHy4HoiwwLy',
  '4HkCwAHy4Hb4I1MWoL7y4HdTQ6EIyMwXyz8Vyx9QA/oCAfoCyz/PhoASyx/J7VSCCJiWgHL7AgLXCz/Iz4UIE/pSghBDaAIHzwuO',
  'AfoCDwH8Me1E0NTTP9Mf+gD6ANM/0wHTH9En0PpI+kjT/9H4kiLHBfLgbyTDAvLgefiXggkxLQC+8uBlcAzTP/QFIG6TMDUwjik9',
  'DNCDCNcY1NFQQ38iUUJUE09RP1E/UT9RP0/jUt/wAWwiUhahClBTFOJTZaEKyMwZyz8Xyx9QBfoCEAAQyz/JgQCC+wAAxlAD+gIh',
  'zws/z4aAE8sfye1UJMIAjh/Iz4UIE/pSJPoCghBDaAIHzwuKUAT6AiHPCz/JcfsAkjIz4oIImJaAcvsCyM+FCBL6UoIQQ2gCBs8L',
  'jlAD+gIhzws/yz/LP8mBAIL7AAAW+gLLP8sByx/J7VQAT7x/52omhqaZ/pj/0AfQBpn+mA6Y/og+h9JH0kaf/opIuCqBmEAyIKQA',
  'Ob2RX2omhqGOmfmOmPmP0AfQBpn5jpgJjpj5jo0M',
].join('');
