// The sandbox's endpoint: an HTTP server on loopback that speaks AWS's Query protocol (a
// form-encoded POST with Action and Version) for IAM and STS, as the AWS SDK and CLI send it;
// and, at /federation, AWS sign-in's federation endpoint (federation.ts).
import type { IncomingMessage } from 'node:http';
import { listenOnLoopback } from '../servers/loopback';
import { AwsError, accessDenied, invalidToken } from './aws-error';
import { callerOf } from './caller';
import { applyFault, type Fault } from './fault';
import { federationEndpoint } from './federation';
import { IAM_ACTIONS } from './iam';
import { IAM_CHANGE_ACTIONS } from './iam-changes';
import { IAM_DOCTOR_ACTIONS } from './iam-doctor';
import { IAM_GRANT_ACTIONS } from './iam-grants';
import { type IdentityCenterDirectory, identityCenter, identityCenterActionOf } from './identity-center';
import { requestId } from './ids';
import { authenticate } from './signature';
import { FEDERATED_USER_STS_ACTIONS, SESSION_TOKEN_STS_ACTIONS, STS_ACTIONS } from './sts';
import type { World } from './world';
import { errorXml, resultXml, type Service } from './xml';

const VERSIONS: Record<Service, string> = { sts: '2011-06-15', iam: '2010-05-08' };
const ACTIONS = {
  sts: STS_ACTIONS,
  iam: { ...IAM_ACTIONS, ...IAM_CHANGE_ACTIONS, ...IAM_GRANT_ACTIONS, ...IAM_DOCTOR_ACTIONS },
};
/** AWS's Query requests are small; a larger body is refused before it is read whole. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface RunningSandbox {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  port: number;
  /** How many requests the fault (if any) has met: a retried call shows here as its attempts. */
  faulted(): number;
  close(): Promise<void>;
}

export interface SandboxServerOptions {
  port?: number;
  /** A fault put on every request, or on one action's (see fault.ts). */
  fault?: Fault;
  /** IAM Identity Center's OIDC API and portal, for this directory (identity-center.ts). */
  identityCenter?: IdentityCenterDirectory;
}

interface ReadRequest {
  body: string;
  url: URL;
  params: Record<string, string>;
}

interface Reply {
  status: number;
  body: string;
  /** text/xml unless said: the Query protocol's. */
  contentType?: string;
  headers?: Record<string, string>;
}

export async function startSandbox(
  world: World,
  options: SandboxServerOptions = {},
): Promise<RunningSandbox> {
  let faulted = 0;
  const timers = new Set<NodeJS.Timeout>();
  const federation = federationEndpoint(world);
  const sso = options.identityCenter ? identityCenter(world, options.identityCenter) : undefined;
  const server = await listenOnLoopback(
    (request, response) => {
      const id = requestId();
      const reply = ({ status, body, contentType, headers }: Reply) => {
        if (response.headersSent || response.destroyed) return;
        response.writeHead(status, {
          ...headers,
          'content-type': contentType ?? 'text/xml',
          'content-length': Buffer.byteLength(body),
          'x-amzn-requestid': id,
          // The server's own time, as AWS sends it: the SDKs correct their clock skew from it.
          date: new Date(world.clock.now()).toUTCString(),
          ...(status === 413 ? { connection: 'close' } : {}),
        });
        response.end(body);
      };
      // Whatever a client sends, or however it hangs up, the sandbox answers or moves on.
      // AWS sign-in's federation endpoint and Identity Center's hosts are other hosts; here,
      // other paths of the same one.
      const answer = (read: ReadRequest) =>
        (read.url.pathname === '/federation'
          ? Promise.resolve<Reply>(federation.answer(request.method ?? 'GET', read.params))
          : Promise.resolve(
              sso?.answer(
                request.method ?? 'GET',
                read.url,
                request.headers as Record<string, string | undefined>,
                read.body,
                `http://${request.headers.host ?? '127.0.0.1'}`,
              ),
            ).then((ssoReply) => ssoReply ?? handle(request, read, world, id))
        )
          .catch((error: unknown) => errorReply(serviceOf(request, read.params), error, id))
          .then(reply, () => request.destroy());
      readRequest(request).then(
        (read) => {
          const { fault } = options;
          const action = read.params.Action ?? identityCenterActionOf(read.url.pathname);
          if (!fault || (fault.action && fault.action !== action)) return answer(read);
          faulted += 1;
          applyFault(fault, request, response, {
            service: serviceOf(request, read.params),
            requestId: id,
            count: faulted,
            timers,
            answer: () => void answer(read),
          });
        },
        (error: unknown) => reply(errorReply(serviceOf(request, {}), error, id)),
      );
    },
    options.port !== undefined ? { port: options.port } : {},
  );
  return {
    endpoint: server.url,
    port: server.port,
    faulted: () => faulted,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      return server.close();
    },
  };
}

async function readRequest(request: IncomingMessage): Promise<ReadRequest> {
  const body = await readBody(request);
  let url: URL;
  try {
    url = new URL(request.url ?? '/', 'http://sandbox');
  } catch {
    throw new AwsError('InvalidRequest', 'The request URL could not be read.', 400);
  }
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (/application\/x-www-form-urlencoded/.test(request.headers['content-type'] ?? '')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
  }
  return { body, url, params };
}

async function handle(
  request: IncomingMessage,
  { body, url, params }: ReadRequest,
  world: World,
  id: string,
): Promise<Reply> {
  const service = serviceOf(request, params);
  try {
    const credentials = await authenticate(
      {
        method: request.method ?? 'GET',
        host: request.headers.host ?? '',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
        body,
      },
      world,
    );
    const action = params.Action ?? '';
    const handler = ACTIONS[service][action];
    if (!handler || params.Version !== VERSIONS[service]) {
      throw new AwsError(
        'InvalidAction',
        `Could not find operation ${action} for version ${params.Version ?? 'NO_VERSION_SPECIFIED'}`,
      );
    }
    const { identity } = credentials;
    if (identity.kind === 'session-token') {
      // GetSessionToken credentials: no IAM at all without MFA, and in STS only AssumeRole and
      // GetCallerIdentity (GetSessionToken API reference). AWS answers the IAM case as an invalid
      // token, as users report it (UNVERIFIED in AWS's documentation).
      if (service === 'iam' && identity.mfaAuthenticatedAt === undefined) throw invalidToken();
      if (service === 'sts' && !SESSION_TOKEN_STS_ACTIONS.has(action)) {
        throw accessDenied(`Cannot call ${action} with session credentials`);
      }
    }
    if (identity.kind === 'federated-user') {
      // GetFederationToken credentials: no IAM, and in STS only GetCallerIdentity (its API
      // reference). AWS's wording here is UNVERIFIED; the refusal is not.
      if (service === 'iam' || !FEDERATED_USER_STS_ACTIONS.has(action))
        throw accessDenied(`Cannot call ${action} with federated user credentials`);
    }
    const region =
      /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1] ?? 'us-east-1';
    const result = await handler({ params, caller: callerOf(identity, world), world, region });
    return { status: 200, body: resultXml(service, action, result, id) };
  } catch (error) {
    return errorReply(service, error, id);
  }
}

function errorReply(service: Service, error: unknown, id: string): Reply {
  const aws =
    error instanceof AwsError
      ? error
      : new AwsError('InternalFailure', `The sandbox failed: ${(error as Error).message}`, 500, 'Receiver');
  return { status: aws.status, body: errorXml(service, aws, id) };
}

/** The service a request is for: the one its signature names, else the one that has its action. */
function serviceOf(request: IncomingMessage, params: Record<string, string>): Service {
  const signed = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(request.headers.authorization ?? '')?.[1];
  if (signed === 'sts' || signed === 'iam') return signed;
  return params.Action && params.Action in ACTIONS.iam ? 'iam' : 'sts';
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.pause();
        reject(
          new AwsError(
            'RequestEntityTooLarge',
            `A request body may be at most ${MAX_BODY_BYTES} bytes.`,
            413,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
    request.on('aborted', () => reject(new Error('the client hung up')));
  });
}
