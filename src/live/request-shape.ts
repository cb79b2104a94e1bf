// What the agent accepts from its socket, checked field by field before the service sees it: a
// request names a profile, a role ARN or a client id, and nothing else gets through (an unknown
// op, a number where a name goes, a field too long to be a name).
import { type AgentRefusal, type AgentRequest, PROTOCOL_VERSION } from './protocol';

/** Longer than any profile name, role ARN (2,048) or label worth showing. */
const MAX_FIELD = 2048;

type Shape = Record<string, 'string' | 'string?' | 'number?' | readonly string[]>;

const SHAPES: Record<AgentRequest['op'], Shape> = {
  credentials: { profile: 'string', mfaCode: 'string?', durationSeconds: 'number?', region: 'string?' },
  open: {
    kind: ['shell', 'command'],
    mode: ['exported', 'endpoint'],
    profile: 'string',
    label: 'string',
    mfaCode: 'string?',
  },
  'open-session': { kind: ['shell'], mode: ['exported', 'endpoint'], session: 'string', label: 'string' },
  close: { client: 'string' },
  use: { client: 'string', target: 'string', mfaCode: 'string?' },
  exports: { client: 'string' },
  status: {},
};

const badRequest = (message: string): AgentRefusal => ({ ok: false, kind: 'bad-request', message });

/** The request in a line from the socket, or the refusal to answer instead. */
export function readAgentRequest(line: string): AgentRequest | AgentRefusal {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return badRequest('The request is not JSON: the agent reads one JSON object per line.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return badRequest('The request is not a JSON object.');
  const request = value as Record<string, unknown>;
  if (request.v !== PROTOCOL_VERSION)
    return {
      ok: false,
      kind: 'version',
      message: `This agent speaks protocol version ${PROTOCOL_VERSION}, the request version ${JSON.stringify(request.v ?? null)}: the agent and this rolecall are different versions. Restart the agent (or the dashboard) with this rolecall.`,
    };
  const op = request.op;
  if (typeof op !== 'string' || !Object.hasOwn(SHAPES, op))
    return badRequest(`The agent knows no op ${JSON.stringify(op ?? null)}.`);
  const caller = request.caller as Record<string, unknown> | undefined;
  if (
    typeof caller !== 'object' ||
    caller === null ||
    typeof caller.command !== 'string' ||
    caller.command.length > MAX_FIELD ||
    !Number.isSafeInteger(caller.pid)
  )
    return badRequest('The request does not say who asks (caller: command and pid).');
  const shape = SHAPES[op as AgentRequest['op']];
  for (const [field, kind] of Object.entries(shape)) {
    const problem = fieldProblem(request[field], kind);
    if (problem) return badRequest(`${op}: ${field} ${problem}.`);
  }
  const known = new Set(['v', 'op', 'caller', ...Object.keys(shape)]);
  const extra = Object.keys(request).find((field) => !known.has(field));
  if (extra !== undefined) return badRequest(`${op} takes no field ${JSON.stringify(extra)}.`);
  return request as AgentRequest;
}

function fieldProblem(value: unknown, kind: Shape[string]): string | undefined {
  if (Array.isArray(kind))
    return kind.includes(value as string) ? undefined : `must be one of ${kind.join(', ')}`;
  if (value === undefined) return kind === 'string' ? 'is missing' : undefined;
  if (kind === 'number?')
    return Number.isSafeInteger(value) && (value as number) > 0 ? undefined : 'must be a whole number';
  if (typeof value !== 'string') return 'must be text';
  if (kind === 'string' && value.length === 0) return 'is empty';
  return value.length > MAX_FIELD ? `is longer than ${MAX_FIELD} characters` : undefined;
}
