// The live sessions: what each is, when it ends, and what happens as the clock moves. The store
// owns no timer: whoever shows it calls tick() once a second (the TUI's shared clock), and tests
// move an injected clock through a day in milliseconds.
import { accountOf } from '../aws-shapes/arn';
import type { Clock } from '../clock';
import type { Credentials } from '../credentials/provider';

export interface SessionOrigin {
  profile?: string;
  roleArn?: string;
  /** Where the first credentials came from: "profile alice". */
  source: string;
  mfa: boolean;
  /** Assumed from another role or an MFA session: capped at one hour. */
  chained: boolean;
  /** The MFA device of an MFA session (GetSessionToken), which has no role. */
  mfaSerial?: string;
  /**
   * An IAM Identity Center permission set's session: the set, and its account (the role's ARN,
   * AWSReservedSSO_<set>_<hex>, is known only where IAM could be read).
   */
  permissionSet?: {
    name: string;
    account: string;
    /** The Identity Center login it is renewed with (its sso_session, or legacy start URL). */
    login: string;
  };
}

/** The account a session is in: its role's, its permission set's, or (an MFA session) its device's. */
export function sessionAccount(origin: SessionOrigin): string | undefined {
  const arn = origin.roleArn ?? origin.mfaSerial;
  return origin.permissionSet?.account ?? (arn ? accountOf(arn) : undefined);
}

export interface Session {
  /** The profile name, or the role ARN for a role assumed outside a profile. */
  id: string;
  credentials: Credentials;
  origin: SessionOrigin;
  region: string;
  /** Refresh on its own at the lead time. */
  autoRefresh: boolean;
}

export type SessionEvent =
  | { type: 'added' | 'refreshed' | 'expiring' | 'expired' | 'dropped' | 'auto-refresh'; session: Session }
  | { type: 'refresh-failed'; session: Session; error: unknown };

/** Gets a session's next credentials: the provider chain run again. */
export type Renew = () => Promise<Credentials>;

interface Entry {
  session: Session;
  renew: Renew;
  /**
   * When the store's last refresh got its credentials: how long they last, for the expiring
   * point. Unknown for the credentials it was added with (they may be hours old).
   */
  refreshedAt?: number;
  warned: boolean;
  ended: boolean;
  refreshing?: Promise<Session>;
}

/** The session was dropped (or replaced) while its refresh was under way. */
export class SessionGone extends Error {
  override name = 'SessionGone';
  constructor(id: string) {
    super(`The session ${id} was dropped while it was being refreshed.`);
  }
}

export class SessionStore {
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<(event: SessionEvent) => void>();

  constructor(
    private readonly clock: Clock,
    /** Seconds before expiry a session counts as expiring (settings.refreshLeadSeconds). */
    private leadSeconds: number,
  ) {}

  on(listener: (event: SessionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  list(): Session[] {
    return [...this.#entries.values()].map((e) => e.session);
  }

  get(id: string): Session | undefined {
    return this.#entries.get(id)?.session;
  }

  setLeadSeconds(seconds: number): void {
    this.leadSeconds = seconds;
  }

  /** Adds a session, or replaces the one with its id. */
  add(session: Session, renew: Renew): void {
    this.#entries.set(session.id, {
      session,
      renew,
      warned: false,
      ended: false,
    });
    this.#emit({ type: 'added', session });
  }

  drop(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    this.#emit({ type: 'dropped', session: entry.session });
  }

  setAutoRefresh(id: string, on: boolean): void {
    const entry = this.#entries.get(id);
    if (!entry || entry.session.autoRefresh === on) return;
    entry.session = { ...entry.session, autoRefresh: on };
    this.#emit({ type: 'auto-refresh', session: entry.session });
  }

  /** Seconds left, rounded up so 00:01 shows until it has really ended; undefined if it never ends. */
  secondsLeft(session: Session): number | undefined {
    const expiration = session.credentials.expiration;
    return expiration === undefined
      ? undefined
      : Math.max(0, Math.ceil((expiration.getTime() - this.clock.now()) / 1000));
  }

  /** Gets new credentials for a session; two calls at once share one refresh. */
  refresh(id: string): Promise<Session> {
    const entry = this.#entries.get(id);
    if (!entry) return Promise.reject(new Error(`There is no session ${id}.`));
    entry.refreshing ??= entry
      .renew()
      .then((credentials) => {
        // Dropped (or replaced) while AWS answered: the refresh is for a session no longer here.
        if (this.#entries.get(id) !== entry) throw new SessionGone(id);
        // A provider that hands back what it holds has not refreshed anything; saying it had
        // would announce "expiring" and refresh again on every tick until the end.
        if (credentials.accessKeyId === entry.session.credentials.accessKeyId) {
          throw new Error('The refresh returned the same credentials.');
        }
        entry.session = { ...entry.session, credentials };
        entry.refreshedAt = this.clock.now();
        entry.warned = false;
        entry.ended = false;
        this.#emit({ type: 'refreshed', session: entry.session });
        return entry.session;
      })
      .catch((error: unknown) => {
        // Said once, to every listener, whoever asked: the tick's auto-refresh or a person's key;
        // of a session still here only.
        if (this.#entries.get(id) === entry)
          this.#emit({ type: 'refresh-failed', session: entry.session, error });
        throw error;
      })
      .finally(() => {
        entry.refreshing = undefined;
      });
    return entry.refreshing;
  }

  /** Looks at the time: expiring sessions are announced once (and refreshed when set to), ended ones too. */
  tick(): void {
    for (const entry of this.#entries.values()) {
      const left = this.secondsLeft(entry.session);
      if (left === undefined) continue;
      if (left === 0 && !entry.ended) {
        entry.ended = true;
        this.#emit({ type: 'expired', session: entry.session });
      } else if (left > 0 && left <= this.#expiringAt(entry) && !entry.warned) {
        entry.warned = true;
        this.#emit({ type: 'expiring', session: entry.session });
        if (entry.session.autoRefresh) {
          // A failure is announced as refresh-failed by refresh() itself.
          this.refresh(entry.session.id).catch(() => {});
        }
      }
    }
  }

  /**
   * Seconds left at which a session counts as expiring: the lead, but after a refresh never more
   * than half what that refresh got, so that a session shorter than twice the lead (the
   * sandbox's short ones, or a lead set near the session length) is not refreshed again at the
   * very next tick, all day.
   */
  #expiringAt(entry: Entry): number {
    const expiration = entry.session.credentials.expiration?.getTime();
    if (expiration === undefined || entry.refreshedAt === undefined) return this.leadSeconds;
    return Math.min(this.leadSeconds, Math.max(0, (expiration - entry.refreshedAt) / 2000));
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
