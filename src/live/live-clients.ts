// The live clients of a running rolecall (shells it opened, `exec --live` commands): who they
// are, the sessions they are bound to, their endpoint tokens (kept as hashes only) and their
// generation files, which their prompt hooks compare to know when to ask again.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { GenerationFiles } from './generation-files';
import type { ClientMode, WireClient } from './protocol';
import { Refused, refusal } from './refusals';

/** An endpoint token: 256 bits, as the issue asks, in base64url (43 characters). */
const TOKEN_BYTES = 32;

export interface LiveClient {
  id: string;
  kind: 'shell' | 'command';
  mode: ClientMode;
  label: string;
  session?: string;
  /** The process that opened it, which lives as long as the shell or command does. */
  pid: number;
  openedAt: number;
  served: number;
  /** sha256 of the token: compared in constant time, and the token itself never kept. */
  tokenHash: Buffer;
  generation: number;
  /** Said once, by the client's next prompt. */
  message?: string;
}

export class LiveClients {
  readonly #clients = new Map<string, LiveClient>();
  readonly #files: GenerationFiles;
  /** Told when a client comes or goes. */
  readonly #changed: () => void;

  constructor(dir: string, changed: () => void) {
    this.#files = new GenerationFiles(dir);
    this.#changed = changed;
  }

  /** A new client, its generation file written, and its token (given out once, never kept). */
  open(fields: Pick<LiveClient, 'kind' | 'mode' | 'label' | 'session' | 'pid' | 'openedAt'>): {
    client: LiveClient;
    token: string;
    generationFile: string;
  } {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    const client: LiveClient = {
      ...fields,
      id: randomBytes(6).toString('hex'),
      served: 0,
      tokenHash: hashOf(token),
      generation: 1,
    };
    this.#clients.set(client.id, client);
    this.#files.write(client.id, client.generation);
    this.#changed();
    return { client, token, generationFile: this.#files.pathOf(client.id) };
  }

  all(): LiveClient[] {
    return [...this.#clients.values()];
  }

  boundTo(session: string): LiveClient[] {
    return this.all().filter((c) => c.session === session);
  }

  /** The sessions some client is bound to. */
  boundSessions(): Set<string> {
    return new Set(this.all().flatMap((c) => (c.session ? [c.session] : [])));
  }

  has(id: string): boolean {
    return this.#clients.has(id);
  }

  /** The client by its id, else the refusal that says it is not open here. */
  get(id: string): LiveClient {
    const client = this.#clients.get(id);
    if (!client)
      throw new Refused(
        refusal(
          'unknown-client',
          `This rolecall agent has no client ${id}: the rolecall that opened this shell has ended or restarted.`,
        ),
      );
    return client;
  }

  byToken(token: string): LiveClient | undefined {
    const hash = hashOf(token);
    let found: LiveClient | undefined;
    // Every client compared, in constant time each: how long it takes says nothing of the token.
    for (const client of this.#clients.values()) if (timingSafeEqual(client.tokenHash, hash)) found = client;
    return found;
  }

  /** Its prompt hook asks again at the next prompt. */
  bump(client: LiveClient): void {
    client.generation++;
    this.#files.write(client.id, client.generation);
  }

  close(id: string): void {
    if (!this.#clients.delete(id)) return;
    this.#files.remove(id);
    this.#changed();
  }

  /**
   * A client whose process has gone without closing (SIGKILL, a crash, the OOM killer) is closed
   * here: its token stops working, its file goes, and its session is no longer kept fresh for it.
   */
  closeDead(): void {
    for (const client of this.all()) if (!running(client.pid)) this.close(client.id);
  }

  /**
   * The agent stops (the dashboard quits): every token stops working with it. A shell still
   * running has its number moved on rather than its file removed, so that its next prompt asks,
   * finds no agent and says once that it keeps its last credentials; a removed file would leave
   * it silent, its keys going stale with no word. (The file stays after the agent: a number, no
   * secret, in the agent's own directory.)
   */
  closeAll(): void {
    for (const client of this.all()) {
      if (client.kind === 'shell' && running(client.pid)) {
        this.bump(client);
        this.#clients.delete(client.id);
      } else this.close(client.id);
    }
    this.#changed();
  }
}

export function wireClient(client: LiveClient): WireClient {
  return {
    id: client.id,
    kind: client.kind,
    mode: client.mode,
    label: client.label,
    ...(client.session ? { session: client.session } : {}),
    pid: client.pid,
    openedAt: new Date(client.openedAt).toISOString(),
    served: client.served,
  };
}

function hashOf(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/** Whether the process is there: signal 0 only asks; EPERM means it is (another user's). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
