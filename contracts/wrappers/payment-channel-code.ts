/**
 * The compiled PaymentChannel code (contracts/tolk/payment_channel.tolk, Tolk 1.3 via @ton/tolk-js), as a BoC in
 * base64. A channel is genuine when its code hash equals `paymentChannelCodeHash()`; the broker checks it before
 * serving a channel. `test/contracts/code-hash.test.ts` compiles the sources and fails (printing the new value)
 * whenever this copy is stale: after editing the contract, paste the printed BoC here.
 */
export const PAYMENT_CHANNEL_CODE_BOC64 = [
  'te6ccgECFAEABK0AART/APSkE/S88sgLAQIBYgIDAgLOBAUCASASEwIBIAYHAfVNMfMdMfAYIQQ2gCBr2RMOD6ANM/1ws/7UTQ1N',
  'M/0x/6APoA0z/TAdMf0SHAAo4yEHlfCdD6SPpIMdP/MdGCCJiWgHL7AsjPhQj6UoIQQ2gCB88LjgH6AnDPCz/JgQCC+wDgUDqhUh',
  'm6kTCRNuIEyMwTyz/LHwH6AlADgRBFM+JGS8ALgINcsIhtAEAzjAtcsIhtAEBTjAtcsIhtAEBzjAtcsIhtAECSAICQoLALkNls0N',
  'DU1JfkAQHP5EPLgcAPQ1ywiG0KwFPLgePpI0h/6ANM/0fgoJMcF8uBxgBP4MyBu8tB70NcKHyO68uB7Ugi88uByBJZSNb7y4HOWU',
  'jW88uBz4lIiu/LgdAOAB/DHtRNDU0z/TH/oA+gDTP9MB0x/RJ9D6SPpIMdP/MdH4kscF8uBuIfLQdSWBDhC+8uB8CNM/+gAw+Jch',
  'ggkxLQCgvvLgZRWgB8jMFss/FMsfJfoCIfoCE8s/E8sBFMsfye1UAqGCCJiWgKBy+wL4ksjPhQj6UoIQ1TJ2288Ljg8B/jHtRNDU',
  '0z/TH/oA+gDTP9MB0x/RJ9D6SPpI0//R+JIixwXy4G8kwwLy4Hn4l4IJMS0AvvLgZQvTP4MI1xjXTFoUcFRF8FRu4FRu4FRu4FRu',
  '4BEX8AFsIlIXoSYLyMwayz8Yyx8m+gIn+gIZyz8SywHLH8ntVFAjoYIImJaAoHIMAPAx7UTQ1NM/0x/6APoA0z/TAdMfMdEm0PpI',
  '+kgx0/8x0fiSxwXy4G7y0HX4l4IJMS0AvvLgZfgjBsjMFcs/E8sfIfoCIvoCE8s/z4WAE8sfye1UooIImJaAoHL7AtcLP/iSyM+F',
  'CPpSghDVMnbbzwuOyz/JgQCC+wACJuMC1ywiG0AQLOMCMIQPAccA8vQNDgBE+wLIz4WIFPpSghBDaAIGzwuOWPoCEss/yz/LP8mB',
  'AJD7AAH8Me1E0NTTP9Mf+gD6ANM/0wHTH9En0PpI+kjT/zHR+JIixwX4kljHBbHy4HoiwwLy4HkCwAHy4Hb4I1MWoL7y4HdTQ6EI',
  'yMwXyz8Vyx9QA/oCAfoCyz/PhoASyx/J7VSCCJiWgHL7AgLXCz/Iz4UIE/pSghBDaAIHzwuOAfoCDwH8Me1E0NTTP9Mf+gD6ANM/',
  '0wHTH9En0PpI+kjT/9H4kiLHBfLgbyTDAvLgefiXggkxLQC+8uBlcAzTP/QFIG6TMDUwjik9DNCDCNcY1NFQQ38iUUJUE09RP1E/',
  'UT9RP0/jUt/wAWwiUhahClBTFOJTZaEKyMwZyz8Xyx9QBfoCEAAQyz/JgQCC+wAAxlAD+gIhzws/z4aAE8sfye1UJMIAjh/Iz4UI',
  'E/pSJPoCghBDaAIHzwuKUAT6AiHPCz/JcfsAkjIz4oIImJaAcvsCyM+FCBL6UoIQQ2gCBs8LjlAD+gIhzws/yz/LP8mBAIL7AAAW',
  '+gLLP8sByx/J7VQAT7x/52omhqaZ/pj/0AfQBpn+mA6Y/og+h9JH0kaf/opIuCqBmEAyIKQAOb2RX2omhqGOmfmOmPmP0AfQBpn5',
  'jpgJjpj5jo0M',
].join('');
