// Faults the sandbox can put on purpose, so that a hung, slow, failing or impostor endpoint is
// tested rather than hoped for: `rolecall sandbox --fault hang|slow=MS|5xx|throttle|reset|html[:ACTION]`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from './aws-error';
import { errorXml, type Service } from './xml';

export type FaultMode =
  | { kind: 'hang' }
  | { kind: 'slow'; ms: number }
  | { kind: '5xx' }
  | { kind: 'throttle' }
  | { kind: 'reset' }
  | { kind: 'html' };

export interface Fault {
  mode: FaultMode;
  /** Only requests for this API action (AssumeRole, ListRoles, …); every request when absent. */
  action?: string;
}

export const FAULT_USAGE =
  'hang, slow=MS, 5xx, throttle, reset or html, optionally :ACTION (e.g. hang:AssumeRole)';
const MAX_SLOW_MS = 600_000;

/** A fault from its command-line spelling, or a sentence saying what is wrong with it. */
export function parseFault(text: string): Fault | { problem: string } {
  const [spec = '', action, ...rest] = text.split(':');
  if (rest.length > 0 || action === '' || (action !== undefined && !/^[A-Za-z]+$/.test(action))) {
    return { problem: `--fault takes ${FAULT_USAGE}; "${text}" is not one.` };
  }
  const slow = /^slow=(\d+)$/.exec(spec);
  let mode: FaultMode | undefined;
  if (slow) {
    const ms = Number(slow[1]);
    if (ms > MAX_SLOW_MS) return { problem: `--fault slow=MS takes at most ${MAX_SLOW_MS} ms.` };
    mode = { kind: 'slow', ms };
  } else if (
    spec === 'hang' ||
    spec === '5xx' ||
    spec === 'throttle' ||
    spec === 'reset' ||
    spec === 'html'
  ) {
    mode = { kind: spec };
  }
  if (!mode) return { problem: `--fault takes ${FAULT_USAGE}; "${text}" is not one.` };
  return action ? { mode, action } : { mode };
}

/** The fault's own spelling, for the sandbox's banner. */
export function faultText(fault: Fault): string {
  const mode = fault.mode.kind === 'slow' ? `slow=${fault.mode.ms}` : fault.mode.kind;
  return fault.action ? `${mode}:${fault.action}` : mode;
}

export interface FaultContext {
  service: Service;
  requestId: string;
  /** How many requests this fault has met so far, this one included (1 for the first). */
  count: number;
  /** Called to answer normally (for slow). */
  answer: () => void;
  /** Timers to clear when the sandbox stops. */
  timers: Set<NodeJS.Timeout>;
}

/**
 * Does what the fault says to one request. The bodies are AWS's own for these errors (the Query
 * protocol's ErrorResponse; "Rate exceeded" as STS and IAM throttle), and a proxy's HTML page.
 */
export function applyFault(
  fault: Fault,
  request: IncomingMessage,
  response: ServerResponse,
  context: FaultContext,
): void {
  const send = (status: number, contentType: string, body: string) => {
    if (response.headersSent || response.destroyed) return;
    response.writeHead(status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      'x-amzn-requestid': context.requestId,
    });
    response.end(body);
  };
  switch (fault.mode.kind) {
    case 'hang':
      // Accepted, read, and never answered: the sandbox's close() destroys the socket.
      return;
    case 'slow': {
      const timer = setTimeout(() => {
        context.timers.delete(timer);
        context.answer();
      }, fault.mode.ms);
      context.timers.add(timer);
      return;
    }
    case 'reset':
      request.socket.destroy();
      return;
    case 'throttle':
      send(
        400,
        'text/xml',
        errorXml(context.service, new AwsError('Throttling', 'Rate exceeded', 400), context.requestId),
      );
      return;
    case '5xx': {
      // Both of AWS's server errors, in turn.
      const error =
        context.count % 2 === 1
          ? new AwsError(
              'InternalFailure',
              'The request processing has failed because of an unknown error, exception or failure.',
              500,
              'Receiver',
            )
          : new AwsError(
              'ServiceUnavailable',
              'The request has failed due to a temporary failure of the server.',
              503,
              'Receiver',
            );
      send(error.status, 'text/xml', errorXml(context.service, error, context.requestId));
      return;
    }
    case 'html':
      send(
        502,
        'text/html',
        '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      );
      return;
  }
}
