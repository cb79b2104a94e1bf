// The live service's refusals: an answer of the protocol's, thrown from deep in a request and
// sent back as it is by the socket's handler.
import type { AgentRefusal } from './protocol';

export class Refused extends Error {
  constructor(readonly refusal: AgentRefusal) {
    super(refusal.message);
    this.name = 'Refused';
  }
}

export function refusal(kind: AgentRefusal['kind'], message: string): AgentRefusal {
  return { ok: false, kind, message };
}
