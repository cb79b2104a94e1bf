// The one place STS and IAM clients are made: every one with a connection timeout, a request
// timeout, the SDK's standard retry mode with bounded attempts, and a way to stop them all at once.
// What the endpoint and the timeouts were travels on a failed call's error (call-facts.ts). The
// client classes are handed in by sts-client.ts and iam-browse.ts, so that this module loads
// neither SDK: the IAM client stays out of the first frame and out of `rolecall env`.
import type { StandardRetryStrategy } from '@smithy/core/retry';
import type { ClientKeys, ProfileSet } from '../profiles/profile-set';
import { type AwsService, type CallFacts, markCallFacts, type RetryNotice } from './call-facts';
import { clientConfig } from './client-config';

export type { RetryNotice };

export interface AwsTimeouts {
  connectSeconds: number;
  requestSeconds: number;
}

export const DEFAULT_TIMEOUTS: AwsTimeouts = { connectSeconds: 3, requestSeconds: 15 };

/**
 * The SDK's default for its standard retry mode (@smithy/core, util-retry DEFAULT_MAX_ATTEMPTS):
 * the first attempt and two retries.
 */
export const MAX_ATTEMPTS = 3;

/** An AWS SDK v3 client class (STSClient, IAMClient). */
export type ClientClass<C> = new (config: never) => C;

/**
 * Where a client's credentials come from: a credential provider (src/credentials), asked at
 * each call. Declared here, by what a client uses, so that this room needs nothing above it.
 */
export interface CredentialSource {
  retrieve(): Promise<{
    accessKeyId: string;
    secretAccessKey: string;
    sessionToken?: string;
    expiration?: Date;
  }>;
}

export interface AwsClients {
  /** A client of `Client`'s class for `service`, with the credentials, in the region. */
  make<C extends object>(
    Client: ClientClass<C>,
    service: AwsService,
    credentials: CredentialSource,
    region: string,
  ): C;
  /** Hears every retry of every client made here; returns the unsubscribe. */
  onRetry(listener: (notice: RetryNotice) => void): () => void;
}

export interface AwsClientsOptions {
  /** Read each time a client is made, so a changed setting applies to the next call. */
  timeouts?: AwsTimeouts | (() => AwsTimeouts);
  maxAttempts?: number;
  /** Aborting it stops every call in flight, and every retry wait (the TUI's quit). */
  signal?: AbortSignal;
  /** Where every call goes, whatever `env` and the files say (a test's own endpoint). */
  endpoint?: string;
  /**
   * The variables the SDK would read from process.env for a client's settings (AWS_ENDPOINT_URL,
   * AWS_ENDPOINT_URL_STS, AWS_USE_FIPS_ENDPOINT…): every client is given them resolved
   * (client-config.ts), so that none reads process.env for them.
   */
  env: NodeJS.ProcessEnv;
  /**
   * The AWS files as last read: the settings the SDK would read from the selected profile
   * (endpoint_url, its [services] section…), so that no client parses the files itself: it
   * would, once per setting, for every client. Not read yet (or not given): none, and no client
   * reads the files either.
   */
  profiles?: () => ProfileSet | undefined;
}

/** The files' part of a client's settings when no profiles have been read: nothing. */
const NO_CLIENT_KEYS: ClientKeys = { selected: {}, services: new Map() };

export function awsClients(options: AwsClientsOptions): AwsClients {
  const listeners = new Set<(notice: RetryNotice) => void>();
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const timeouts = () =>
    typeof options.timeouts === 'function' ? options.timeouts() : (options.timeouts ?? DEFAULT_TIMEOUTS);
  return {
    make(Client, service, credentials, region) {
      const { connectSeconds, requestSeconds } = timeouts();
      const keys = options.profiles?.()?.clientKeys ?? NO_CLIENT_KEYS;
      const client = new Client({
        ...clientConfig(service, options.env, keys),
        region,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        credentials: () => credentials.retrieve(),
        maxAttempts,
        retryStrategy: new DeferredRetries(maxAttempts, service, listeners, options.signal),
        requestHandler: {
          connectionTimeout: connectSeconds * 1000,
          // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes
          // (@smithy/node-http-handler 4.x setRequestTimeout) and the call waits on for ever.
          requestTimeout: requestSeconds * 1000,
          throwOnRequestTimeout: true,
          // An answer whose body stalls after its headers: the socket's idle timeout ends it.
          socketTimeout: requestSeconds * 1000,
        },
      } as never);
      return ready(client, { service, connectSeconds, requestSeconds }, options.signal);
    },
    onRetry(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The parts of the SDK's request handler and middleware stack used here. */
interface Handler {
  handle(request: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
  updateHttpClientConfig?(key: unknown, value: unknown): void;
  httpHandlerConfigs?(): object;
  destroy?(): void;
}
interface BuildArgs {
  request?: { protocol?: string; hostname?: string; port?: number };
}
interface MiddlewareStack {
  add(
    middleware: (next: (args: BuildArgs) => Promise<unknown>) => (args: BuildArgs) => Promise<unknown>,
    options: { step: 'build'; name: string; override: boolean },
  ): void;
}

/**
 * Gives the client the signal (every request it sends is aborted with it) and marks a failed
 * call's error with where it went and the timeouts it had.
 */
function ready<C extends object>(
  client: C,
  facts: Omit<CallFacts, 'endpoint'>,
  signal: AbortSignal | undefined,
): C {
  if (signal) {
    // The handler the SDK built from the options above (a NodeHttpHandler), given the signal:
    // an aborted call destroys its socket at once, so nothing keeps the process alive.
    const config = (client as unknown as { config: { requestHandler: Handler } }).config;
    const handler = config.requestHandler;
    config.requestHandler = {
      handle: (request, handlerOptions) =>
        handler.handle(request, {
          ...handlerOptions,
          // A call's own signal (one call stopped) and the run's (every call stopped) both hold.
          abortSignal:
            handlerOptions?.abortSignal instanceof AbortSignal
              ? AbortSignal.any([handlerOptions.abortSignal, signal])
              : (handlerOptions?.abortSignal ?? signal),
        }),
      updateHttpClientConfig: (key, value) => handler.updateHttpClientConfig?.(key, value),
      httpHandlerConfigs: () => handler.httpHandlerConfigs?.() ?? {},
      destroy: () => handler.destroy?.(),
    };
  }
  let endpoint = '';
  const stack = (client as unknown as { middlewareStack: MiddlewareStack }).middlewareStack;
  stack.add(
    (next) => async (args) => {
      try {
        const { request } = args;
        if (request) {
          // new URL() takes "localhost:4566" as the scheme "localhost:", and the SDK then sends
          // the call to port 80 of this machine: refused here, before anything is sent.
          if ((request.protocol !== 'http:' && request.protocol !== 'https:') || !request.hostname) {
            throw Object.assign(new Error('The endpoint is not an http:// or https:// address.'), {
              name: 'InvalidEndpoint',
            });
          }
          endpoint = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
        }
        return await next(args);
      } catch (error) {
        const attempts = (error as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
        markCallFacts(error, { ...facts, endpoint, ...(attempts ? { attempts } : {}) });
        throw error;
      }
    },
    // After the endpoint is resolved into the request, outside the retries: the final error once.
    { step: 'build', name: 'rolecallCallFacts', override: true },
  );
  return client;
}

type Token = Parameters<StandardRetryStrategy['recordSuccess']>[0];
type ErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];
type ObservedRetries = import('./observed-retries').ObservedRetries;

/**
 * The retry strategy a client is made with: ObservedRetries (observed-retries.ts), loaded when
 * the client's first call asks for its first token, so that the code it extends (@smithy/core's
 * retry, with the ~390 KB of the SDK's core it imports) loads with the first call and not with
 * the interface's first frame, which makes none. The SDK asks a strategy for these three methods
 * and its mode (@smithy/core retryMiddleware isRetryStrategyV2; @aws-sdk/core check-features
 * reads `mode` for the user agent), the same as ObservedRetries answers.
 */
class DeferredRetries {
  readonly mode = 'standard';
  readonly #strategy: Promise<ObservedRetries>;
  /** The strategy once made: every call's first token waits for it. */
  #ready: ObservedRetries | undefined;

  /** Starts loading at once: a client is made just before its first call (and never for the first frame). */
  constructor(...args: ConstructorParameters<typeof import('./observed-retries').ObservedRetries>) {
    this.#strategy = import('./observed-retries').then(({ ObservedRetries }) => {
      this.#ready = new ObservedRetries(...args);
      return this.#ready;
    });
    // A client never called must not leave a failed load unhandled; a call still sees the failure.
    this.#strategy.catch(() => {});
  }

  #loaded(): Promise<ObservedRetries> {
    return this.#strategy;
  }

  async acquireInitialRetryToken(scope: string): Promise<Token> {
    return (await this.#loaded()).acquireInitialRetryToken(scope);
  }

  async refreshRetryTokenForRetry(token: Token, errorInfo: ErrorInfo): Promise<Token> {
    return (await this.#loaded()).refreshRetryTokenForRetry(token, errorInfo);
  }

  recordSuccess(token: Token): void {
    // The call's first token came from the strategy, so it is made: told at once, as the SDK expects.
    if (this.#ready) this.#ready.recordSuccess(token);
    else void this.#loaded().then((strategy) => strategy.recordSuccess(token));
  }
}
