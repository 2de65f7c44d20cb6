/** Conversion between the bundle's RuntimeEventRecord (protobuf) and the eventlog's RuntimeEvent (RTMR3 record). */
import { RuntimeEventError, type RuntimeEvent } from '../eventlog';
import type { RuntimeEventRecord } from './bundle';

export function toRuntimeEvent(r: RuntimeEventRecord): RuntimeEvent {
  if (r.version !== 1) throw new RuntimeEventError('RUNTIME_EVENT_BAD_VERSION', `runtime event version ${r.version}`);
  return { version: 1, name: r.name, payload: r.payload, kind: r.instanceSpecific ? 'instance' : 'deterministic' };
}

export function fromRuntimeEvent(e: RuntimeEvent): RuntimeEventRecord {
  return { version: e.version, name: e.name, payload: e.payload, instanceSpecific: e.kind === 'instance' };
}
