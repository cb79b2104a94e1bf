// What a rolecall process says to a running agent (the dashboard, or `rolecall agent`) over its
// Unix socket: one JSON request line, one JSON answer line, then the connection ends. A request
// names a profile, a role ARN or a client id; never a file or a command to run. Credentials cross
// the socket, which only its owner can open (mode 0600 in a 0700 directory).

/** Bumped when a request or an answer changes shape: an agent refuses a version it does not know. */
export const PROTOCOL_VERSION = 1;

/** Who asks, for `rolecall agent --status` and the dashboard: "credential-process", pid 4242. */
export interface Caller {
  command: string;
  pid: number;
}

/** How a client (a live shell, an `exec --live` command) gets its credentials. */
export type ClientMode = 'exported' | 'endpoint';

export type AgentRequest = { v: typeof PROTOCOL_VERSION; caller: Caller } & (
  | {
      /** A session's credentials for a profile: `env`, `exec`, `credential-process`. */
      op: 'credentials';
      profile: string;
      /** A code typed or passed: it starts (or renews) the agent's MFA session for its device. */
      mfaCode?: string;
      durationSeconds?: number;
      region?: string;
    }
  | {
      /** A live shell or `exec --live` command starts, bound to a profile's session. */
      op: 'open';
      kind: 'shell' | 'command';
      mode: ClientMode;
      profile: string;
      /** What the dashboard calls it: "bash", "terraform apply". */
      label: string;
      mfaCode?: string;
    }
  | {
      /** A session already live in the dashboard (`s` on its row): bound to it by its id. */
      op: 'open-session';
      kind: 'shell';
      mode: ClientMode;
      session: string;
      label: string;
    }
  /** The client ended: its token stops working at once. */
  | { op: 'close'; client: string }
  /** `rolecall use TARGET` inside a live shell: a profile name or a role ARN. */
  | { op: 'use'; client: string; target: string; mfaCode?: string }
  /** What the client is bound to, and its credentials' variables now (the prompt hook's ask). */
  | { op: 'exports'; client: string }
  /** Who is served what: `rolecall agent --status`. */
  | { op: 'status' }
);

export type AgentOp = AgentRequest['op'];

/** Credentials as they cross the socket; `expiration` is RFC 3339. */
export interface WireCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: string;
}

/** Who the session is: what child-env.ts's SessionIdentity needs, plus the session's id. */
export interface WireIdentity {
  session: string;
  profile?: string;
  roleArn?: string;
  account?: string;
  region: string;
  endpoint?: string;
}

export interface WireClient {
  id: string;
  kind: 'shell' | 'command';
  mode: ClientMode;
  label: string;
  /** The session it is bound to (its id on the dashboard); undefined once that was dropped. */
  session?: string;
  /** The pid of the process that opened it. */
  pid: number;
  openedAt: string;
  /** How many times its credentials were handed out (endpoint requests, re-exports). */
  served: number;
}

export interface ServedRecord {
  at: string;
  caller: Caller;
  /** The profile or session asked for. */
  what: string;
  /** "a live session", "assumed through the MFA session", "assumed", "refused: …" */
  how: string;
}

export type AgentAnswer =
  | { ok: true; op: 'credentials'; credentials: WireCredentials; identity: WireIdentity; notes: string[] }
  | {
      ok: true;
      op: 'open';
      client: WireClient;
      /** The container-credentials endpoint's full URI for this client, and its secret token. */
      endpoint: { uri: string; token: string };
      /** The file holding the client's generation number (no secret), read by the prompt hook. */
      generationFile: string;
      exports: ClientExports;
      notes: string[];
    }
  | { ok: true; op: 'close' }
  | { ok: true; op: 'use'; exports: ClientExports; notes: string[] }
  | { ok: true; op: 'exports'; exports: ClientExports }
  | {
      ok: true;
      op: 'status';
      pid: number;
      startedAt: string;
      socket: string;
      endpoint: string;
      sessions: Array<{ id: string; expiration?: string; clients: number }>;
      clients: WireClient[];
      served: ServedRecord[];
    }
  | AgentRefusal;

export interface AgentRefusal {
  ok: false;
  /**
   * needs-mfa: ask the person for a code for `serial` and send the request again with it.
   * unknown-client: the shell or command is not (or no longer) open here.
   * version: the agent speaks another protocol version (an older or newer rolecall).
   */
  kind: 'needs-mfa' | 'unknown-client' | 'refused' | 'version' | 'bad-request';
  message: string;
  serial?: string;
}

/**
 * A client's state for its prompt hook: the generation it is at, and the variables to set and
 * unset (child-env.ts's sessionVariables for exported mode; the prompt variables only, for the
 * endpoint mode). `message` is said once in the shell (a session dropped, a refresh that failed).
 */
export interface ClientExports {
  generation: number;
  session?: string;
  set: Record<string, string>;
  unset: string[];
  message?: string;
}
