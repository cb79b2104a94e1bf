// Starts what a running rolecall serves other processes, and stops it all together: the service,
// the container-credentials endpoint on loopback, and the agent's Unix socket. The dashboard
// starts it after its first frame; `rolecall agent` starts it alone.
import { join } from 'node:path';
import type { SecondTicker } from '../sessions/second-ticker';
import type { SessionStore } from '../sessions/store';
import { agentDirectory, ensureAgentDirectory, ownSocketPath, WELL_KNOWN_SOCKET } from './agent-paths';
import { type AgentSocket, listenAgentSocket, listenInAgentDirectory } from './agent-socket';
import { startCredentialEndpoint } from './credential-endpoint';
import type { LiveService } from './live-service';

export interface RunningAgent {
  /** The socket it listens on: the well-known one, or this process's own when another agent has that. */
  socket: string;
  /** The container-credentials endpoint's full URI. */
  endpoint: string;
  /** The agent's directory (0700): generation files, the shells' rc files. */
  dir: string;
  /** Another agent held the well-known socket: `env` in other terminals goes to that one. */
  another?: string;
  service: LiveService;
  stop(): Promise<void>;
}

/** What of the core an agent runs on (the core itself, structurally: no import of core.ts here). */
export interface AgentCore {
  env: NodeJS.ProcessEnv;
  sessions: SessionStore;
  ticker: SecondTicker;
  live(options: { dir: string; interactive: boolean }): Promise<LiveService>;
}

export interface AgentOptions {
  /** Renewals may ask for a code in the dashboard's form. */
  interactive: boolean;
  /**
   * Listen on the well-known socket, where `rolecall env` in any terminal looks. Not for the
   * sandbox: its example profiles would answer for the person's own (`env prod` refused there).
   */
  shared: boolean;
}

export async function startAgent(core: AgentCore, options: AgentOptions): Promise<RunningAgent> {
  const dir = agentDirectory(core.env);
  const service = await core.live({ dir, interactive: options.interactive });
  const endpoint = await startCredentialEndpoint({ lookup: (token) => service.credentialsForToken(token) });
  const handle = (request: Parameters<LiveService['handle']>[0]) => service.handle(request);
  let socket: AgentSocket;
  try {
    if (options.shared) socket = await listenInAgentDirectory(dir, handle);
    else {
      ensureAgentDirectory(dir);
      socket = await listenAgentSocket(ownSocketPath(dir, process.pid), handle);
    }
  } catch (error) {
    await endpoint.close();
    service.stop();
    throw error;
  }
  // A live agent kept the well-known socket: this one serves its own children on a socket of its own.
  const another =
    options.shared && !socket.path.endsWith(`/${WELL_KNOWN_SOCKET}`)
      ? join(dir, WELL_KNOWN_SOCKET)
      : undefined;
  service.listening({ endpointUri: endpoint.uri, socket: socket.path });
  // The dashboard ticks its sessions itself (keep-sessions-live.ts); a headless agent must.
  const stopTicks = options.interactive ? () => {} : core.ticker.subscribe(() => core.sessions.tick());
  return {
    socket: socket.path,
    endpoint: endpoint.uri,
    dir,
    ...(another ? { another } : {}),
    service,
    async stop() {
      stopTicks();
      service.stop();
      await Promise.all([socket.close(), endpoint.close()]);
    },
  };
}
