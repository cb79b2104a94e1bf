// The service a running rolecall (the dashboard, or `rolecall agent`) gives other processes:
// the credentials of its live sessions, to `env`, `exec` and `credential-process` over the agent
// socket, and to live clients (shells opened by rolecall, `exec --live` commands) bound to a
// session, by the container-credentials endpoint and by their shells' prompt hooks. A session it
// starts goes through the run's MFA sessions, so one code serves every terminal; and it shows on
// the dashboard like any other.
import type { AssumeDefaultRules } from '../assuming/assume-defaults';
import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import { MFA_CODE } from '../aws-shapes/request-fields';
import { rfc3339 } from '../aws-shapes/timestamp';
import type { Clock } from '../clock';
import { ProfileError, type ProfileProviderOptions, providerForProfile } from '../credentials/from-profile';
import type { Credentials } from '../credentials/provider';
import { formatDuration } from '../duration';
import type { MfaCodes } from '../mfa/mfa-codes';
import type { MfaSessions } from '../mfa/mfa-sessions';
import { FailedAfterCode, NeedsMfaCode, type RequestCodes } from '../mfa/request-codes';
import { resolveChain } from '../profiles/chain';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { ProfileSet } from '../profiles/profile-set';
import type { SecondTicker } from '../sessions/second-ticker';
import type { Session, SessionEvent, SessionStore } from '../sessions/store';
import type { SettingsData } from '../settings/schema';
import { sessionVariables } from '../shells/child-env';
import { sessionIdentity } from '../shells/session-identity';
import { type LiveClient, LiveClients, wireClient } from './live-clients';
import {
  type AgentAnswer,
  type AgentRequest,
  type Caller,
  type ClientExports,
  PROTOCOL_VERSION,
  type ServedRecord,
  type WireClient,
  type WireCredentials,
  type WireIdentity,
} from './protocol';
import { Refused, refusal } from './refusals';
import { dueForRefresh, servable, withinTime } from './serving';

/** What `rolecall agent --status` remembers of who was served what. */
const SERVED_KEPT = 200;
/** AWS's refusals of the code itself (describeAwsError's kinds), which another code may mend. */
const CODE_REFUSALS = new Set(['wrong-mfa-code', 'mfa-code-reused']);
/** The prompt variables an endpoint-mode shell's hook keeps up to date (no keys among them). */
const PROMPT_VARIABLES = [
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_SESSION_EXPIRATION',
  'ROLECALL_PROFILE',
  'ROLECALL_ROLE_ARN',
  'ROLECALL_ACCOUNT',
  'AWS_ACCOUNT_ID',
] as const;

export interface LiveServiceOptions {
  profiles: LoadedProfiles;
  sessions: SessionStore;
  mfaSessions: MfaSessions;
  rules: AssumeDefaultRules;
  clients: AwsClients;
  clock: Clock;
  /** The run's clock: the sessions bound to clients are looked at on each tick. */
  ticker: SecondTicker;
  settings: () => SettingsData;
  env: NodeJS.ProcessEnv;
  /** The agent's own directory (0700): the clients' generation files go in it. */
  dir: string;
  /**
   * The run's one asker (the core's): a request's code inside a request, the dashboard's form (or
   * none, headless) outside one. Every provider made here and in the dashboard asks through it.
   */
  asker: RequestCodes;
  /**
   * The dashboard's MFA form, which keeps asking while AWS refuses a code, for renewals of the
   * sessions this service starts; undefined in a headless agent.
   */
  codes?: MfaCodes;
}

/** What the endpoint hears back for a token. */
export type TokenLookup =
  | { ok: true; credentials: WireCredentials }
  | { ok: false; status: 403 | 404 | 500 | 503; message: string };

export class LiveService {
  readonly #o: LiveServiceOptions;
  readonly #clients: LiveClients;
  readonly #served: ServedRecord[] = [];
  /** When each session's credentials were got: how long it lasts, for the serving margin. */
  readonly #issued = new Map<string, number>();
  /** The duration each session this service assumed was asked for, kept for its renewals. */
  readonly #durations = new Map<string, number>();
  readonly #startedAt: number;
  readonly #stopListening: () => void;
  readonly #stopTicks: () => void;
  /** Sessions whose last tick refresh failed or could not be tried: left alone until refreshed. */
  readonly #tickGaveUp = new Set<string>();
  /** Sessions being refreshed for their clients: one refresh at a time each. */
  readonly #refreshing = new Map<string, Promise<void>>();
  #endpointUri = '';
  #socket = '';
  readonly #listeners = new Set<() => void>();
  /**
   * Something was served since the last tick: the dashboard hears once a second at most, not
   * once a fetch (fifty SDK clients, or one near its session's end, fetch many times a second).
   */
  #servedSinceTick = false;
  constructor(options: LiveServiceOptions) {
    this.#o = options;
    this.#clients = new LiveClients(options.dir, () => this.#changed());
    this.#startedAt = options.clock.now();
    this.#stopListening = options.sessions.on((event) => this.#sessionNews(event));
    this.#stopTicks = options.ticker.subscribe(() => {
      this.#clients.closeDead();
      this.#keepBoundFresh();
      if (this.#servedSinceTick) {
        this.#servedSinceTick = false;
        this.#changed();
      }
    });
  }

  /** Where the endpoint and the socket listen, once they do (start-agent.ts). */
  listening(where: { endpointUri: string; socket: string }): void {
    this.#endpointUri = where.endpointUri;
    this.#socket = where.socket;
  }

  /** Called when clients come, go or change binding: the dashboard's list follows. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The open clients, for the dashboard. */
  clients(): WireClient[] {
    return this.#clients.all().map(wireClient);
  }

  /** Who was served what, newest last. */
  served(): readonly ServedRecord[] {
    return this.#served;
  }

  /** Ends every client: the dashboard quits, or the agent stops. */
  stop(): void {
    this.#stopListening();
    this.#stopTicks();
    this.#clients.closeAll();
  }

  /** The socket's handler: one request, one answer, never a throw. */
  async handle(request: AgentRequest): Promise<AgentAnswer> {
    if (request.v !== PROTOCOL_VERSION)
      return refusal(
        'version',
        `This rolecall agent speaks protocol ${PROTOCOL_VERSION}, the request ${String(request.v)}: the two are different versions of rolecall. Restart the agent (or the dashboard).`,
      );
    try {
      const code = 'mfaCode' in request ? request.mfaCode : undefined;
      return await this.#o.asker.run(code, () => this.#answer(request));
    } catch (thrown) {
      const error = thrown instanceof FailedAfterCode ? thrown.cause : thrown;
      if (error instanceof Refused) return error.refusal;
      const described = describeAwsError(error, { doing: 'get the credentials' });
      // AWS refused the code itself: the requester's terminal asks for another (askAgentWithMfa).
      if (thrown instanceof FailedAfterCode && CODE_REFUSALS.has(described.kind))
        return { ok: false, kind: 'needs-mfa', serial: thrown.serial, message: described.message };
      return refusal('refused', described.message);
    }
  }

  /** The endpoint's lookup: the credentials of the client whose token this is. */
  async credentialsForToken(token: string): Promise<TokenLookup> {
    const client = this.#clients.byToken(token);
    if (!client)
      return {
        ok: false,
        status: 403,
        message: 'rolecall did not give out this token, or the shell or command it was given to has ended.',
      };
    const session = client.session && this.#o.sessions.get(client.session);
    if (!session)
      return {
        ok: false,
        status: 403,
        message: `The rolecall session this ${client.kind} was bound to was dropped; run rolecall use PROFILE in the shell, or start the command again.`,
      };
    try {
      // As a request with no code: a renewal that would ask for one fails here, never in the
      // dashboard's form, which nobody sees while a shell has the terminal.
      const fresh = await this.#o.asker.run(undefined, () => this.#fresh(session, undefined));
      // Counted on the client, not kept as a record: the records are for who asked the socket,
      // which endpoint fetches would push out.
      client.served++;
      this.#servedSinceTick = true;
      return { ok: true, credentials: wireCredentials(fresh.credentials) };
    } catch (error) {
      if (error instanceof Refused)
        return {
          ok: false,
          status: 503,
          message:
            error.refusal.kind === 'needs-mfa'
              ? `rolecall's session ${session.id} has ended and needs a new MFA code (${error.refusal.serial}): refresh it in the rolecall dashboard, or run rolecall use ${session.id} in a rolecall shell.`
              : error.refusal.message,
        };
      return {
        ok: false,
        status: 500,
        message: describeAwsError(error, { doing: `refresh ${session.id}` }).message,
      };
    }
  }

  async #answer(request: AgentRequest): Promise<AgentAnswer> {
    switch (request.op) {
      case 'credentials': {
        const { session, how, notes } = await this.#sessionFor(request.profile, request);
        this.#note(request.caller, request.profile, how);
        return {
          ok: true,
          op: 'credentials',
          credentials: wireCredentials(session.credentials),
          identity: this.#identity(session, request.region),
          notes,
        };
      }
      case 'open': {
        const { session, how, notes } = await this.#sessionFor(request.profile, request);
        this.#note(request.caller, request.profile, `${how}, for ${request.kind} ${request.label}`);
        return this.#open(request, session, notes);
      }
      case 'open-session': {
        const live = this.#o.sessions.get(request.session);
        if (!live)
          throw new Refused(refusal('refused', `There is no live session ${request.session} in rolecall.`));
        const session = await this.#freshOrLeft(live, undefined);
        this.#note(request.caller, request.session, `a live session, for ${request.kind} ${request.label}`);
        return this.#open(request, session, []);
      }
      case 'close':
        this.#clients.close(request.client);
        return { ok: true, op: 'close' };
      case 'use':
        return this.#use(request);
      case 'exports': {
        const client = this.#clients.get(request.client);
        const exports = this.#exports(client);
        client.message = undefined;
        client.served++;
        this.#servedSinceTick = true;
        return { ok: true, op: 'exports', exports };
      }
      case 'status':
        return {
          ok: true,
          op: 'status',
          pid: process.pid,
          startedAt: new Date(this.#startedAt).toISOString(),
          socket: this.#socket,
          endpoint: this.#endpointUri,
          sessions: this.#o.sessions.list().map((s) => ({
            id: s.id,
            ...(s.credentials.expiration ? { expiration: rfc3339(s.credentials.expiration) } : {}),
            clients: this.#clients.boundTo(s.id).length,
          })),
          clients: this.clients(),
          served: [...this.#served],
        };
    }
  }

  #open(
    request: Extract<AgentRequest, { op: 'open' | 'open-session' }>,
    session: Session,
    notes: string[],
  ): AgentAnswer {
    servable(request.mode, session);
    const { client, token, generationFile } = this.#clients.open({
      kind: request.kind,
      mode: request.mode,
      label: request.label,
      session: session.id,
      pid: request.caller.pid,
      openedAt: this.#o.clock.now(),
    });
    return {
      ok: true,
      op: 'open',
      client: wireClient(client),
      endpoint: { uri: this.#endpointUri, token },
      generationFile,
      exports: this.#exports(client),
      notes,
    };
  }

  async #use(request: Extract<AgentRequest, { op: 'use' }>): Promise<AgentAnswer> {
    const client = this.#clients.get(request.client);
    const target = request.target.trim();
    let session: Session | undefined;
    let notes: string[] = [];
    let how = 'a live session';
    const live =
      this.#o.sessions.get(target) ?? this.#o.sessions.list().find((s) => s.origin.roleArn === target);
    if (live) session = await this.#freshOrLeft(live, request.mfaCode);
    else {
      const profile = target.startsWith('arn:') ? await this.#profileAssuming(target) : target;
      ({ session, how, notes } = await this.#sessionFor(profile, request));
    }
    // Checked before rebinding: the shell keeps working with what it had.
    servable(client.mode, session);
    // Dropped while it was assumed or refreshed, or the shell ended meanwhile: nothing to bind.
    if (!this.#o.sessions.get(session.id))
      throw new Refused(
        refusal('refused', `${session.id} was dropped in rolecall meanwhile: run rolecall use again.`),
      );
    if (!this.#clients.has(client.id))
      throw new Refused(refusal('unknown-client', 'This shell was closed meanwhile.'));
    this.#note(request.caller, target, `${how}, for ${client.kind} ${client.label}`);
    client.session = session.id;
    this.#clients.bump(client);
    this.#changed();
    return { ok: true, op: 'use', exports: this.#exports(client), notes };
  }

  /** The profile whose role is this ARN, for `rolecall use ARN`: the first by name. */
  async #profileAssuming(arn: string): Promise<string> {
    const set = await this.#o.profiles.read();
    const names = [...set.profiles.values()]
      .filter((p) => p.roleArn === arn)
      .map((p) => p.name)
      .sort();
    const [first] = names;
    if (!first)
      throw new Refused(
        refusal(
          'refused',
          `No profile in ${set.files.configFile} assumes ${arn}, and no live session is for it. Add a profile for it (role_arn and source_profile), or assume it in the dashboard first.`,
        ),
      );
    return first;
  }

  /**
   * The session for a profile: its live one (refreshed first when it is near its end), else a new
   * one, assumed through the run's MFA sessions; a code given starts the device's MFA session.
   */
  async #sessionFor(
    profile: string,
    asked: { mfaCode?: string; durationSeconds?: number; region?: string },
  ): Promise<{ session: Session; how: string; notes: string[] }> {
    const live = this.#o.sessions.get(profile);
    if (live && (this.#o.sessions.secondsLeft(live) ?? 1) > 0) {
      const notes = asked.mfaCode ? [`${profile} was live in rolecall: the MFA code was not needed.`] : [];
      const session = await this.#fresh(live, asked.mfaCode);
      // Serving the live session keeps one session per profile for every terminal, its MFA
      // session's included; a longer one would replace it under the shells bound to it. Said,
      // not dropped silently.
      const left = this.#o.sessions.secondsLeft(session);
      if (asked.durationSeconds !== undefined && left !== undefined && left < asked.durationSeconds)
        notes.push(
          `${profile} was live in rolecall with ${formatDuration(left)} left, and that session was served, not a new one of ${formatDuration(asked.durationSeconds)}: drop its row in the dashboard (or stop rolecall agent) to assume it anew.`,
        );
      return { session, how: 'a live session', notes };
    }
    return this.#assume(profile, asked);
  }

  async #assume(
    profile: string,
    asked: { mfaCode?: string; durationSeconds?: number; region?: string; id?: string },
  ): Promise<{ session: Session; how: string; notes: string[] }> {
    const { profiles, sessions, mfaSessions, rules, clients } = this.#o;
    const set = await profiles.read();
    if (!set.profiles.has(profile))
      throw new Refused(
        refusal(
          'refused',
          `There is no profile ${profile} in ${set.files.configFile} or ${set.files.credentialsFile}.`,
        ),
      );
    if (asked.mfaCode !== undefined && !MFA_CODE.test(asked.mfaCode))
      throw new Refused(refusal('refused', 'An MFA code is the 6 digits your device shows.'));
    const region = asked.region || rules.regionOf(set, profile);
    const options: ProfileProviderOptions = {
      ...rules.forProviders(),
      askCode: this.#o.asker.ask,
      region,
      ...(asked.durationSeconds !== undefined ? { durationSeconds: asked.durationSeconds } : {}),
      mfaSessions: mfaSessions.byDevice,
      mfaSessionSeconds: this.#o.settings().mfaSessionSeconds,
      clients,
    };
    const through = mfaSessions.liveThrough(set, profile, asked.durationSeconds);
    let retrieved: {
      credentials: Credentials;
      notes: string[];
      chained: boolean;
      roleArn?: string;
      mfa: boolean;
    };
    try {
      retrieved = await mfaSessions.refusedDropped(set, profile, asked.durationSeconds, async () => {
        const { provider, notes, chain } = providerForProfile(set, profile, options);
        const own = chain.hops[0];
        return {
          credentials: await provider.retrieve(),
          notes,
          chained: chain.chained || Boolean(through),
          ...(own ? { roleArn: own.roleArn } : {}),
          mfa: Boolean(own?.mfaSerial),
        };
      });
    } catch (error) {
      if (error instanceof NeedsMfaCode)
        throw new Refused({
          ok: false,
          kind: 'needs-mfa',
          serial: error.serial,
          message: `${profile} needs an MFA code for ${error.serial}.`,
        });
      if (error instanceof ProfileError) throw new Refused(refusal('refused', error.message));
      throw error;
    }
    const session: Session = {
      id: asked.id ?? profile,
      credentials: retrieved.credentials,
      origin: {
        profile,
        ...(retrieved.roleArn ? { roleArn: retrieved.roleArn } : {}),
        source: `profile ${set.profiles.get(profile)?.sourceProfile ?? profile}`,
        mfa: retrieved.mfa,
        chained: retrieved.chained,
      },
      region,
      // Served to other processes all day: kept fresh without a key being pressed.
      autoRefresh: retrieved.credentials.expiration !== undefined,
    };
    mfaSessions.showOnDashboard();
    if (asked.durationSeconds !== undefined) this.#durations.set(session.id, asked.durationSeconds);
    else this.#durations.delete(session.id);
    sessions.add(session, this.#renewal(set, profile, options, asked.durationSeconds));
    const how = through
      ? 'assumed through the MFA session'
      : asked.mfaCode
        ? 'assumed with an MFA code'
        : 'assumed';
    return { session, how, notes: retrieved.notes };
  }

  /** How a session this service started renews: through the dashboard's form, or never asking. */
  #renewal(set: ProfileSet, profile: string, options: ProfileProviderOptions, durationSeconds?: number) {
    const { codes, mfaSessions } = this.#o;
    return async () => {
      const run = () => providerForProfile(set, profile, options).provider.retrieve();
      const renewed = await mfaSessions.refusedDropped(set, profile, durationSeconds, () =>
        codes ? codes.run(run) : run(),
      );
      mfaSessions.showOnDashboard();
      return renewed;
    };
  }

  /**
   * A live session chosen by its id (`s` on its row, `rolecall use`): refreshed when due, what is
   * left of it when the refresh fails; once it has ended, the refusal goes back (needs-mfa makes
   * the CLI ask for a code in its own terminal) rather than a binding to dead keys.
   */
  async #freshOrLeft(live: Session, mfaCode: string | undefined): Promise<Session> {
    try {
      return await this.#fresh(live, mfaCode);
    } catch (error) {
      // A code given and refused is said (and asked for again), never passed over in silence.
      if (mfaCode === undefined && (this.#o.sessions.secondsLeft(live) ?? 1) > 0) return live;
      throw error;
    }
  }

  /**
   * The session with credentials worth handing out: refreshed first when less than the margin
   * is left and the session is past half its length (a session shorter than the margin is not
   * refreshed on every ask). A refresh that would need a code no one gave is not tried: the
   * credentials left are served while there are any.
   */
  async #fresh(session: Session, mfaCode: string | undefined): Promise<Session> {
    const { sessions, profiles } = this.#o;
    const left = sessions.secondsLeft(session);
    if (left === undefined || !this.#due(session)) return session;
    const set = await profiles.read();
    const serial = this.#wouldAskFor(set, session);
    if (serial !== undefined) {
      const profile = session.origin.profile;
      if (mfaCode !== undefined && profile !== undefined && set.profiles.has(profile)) {
        // A renewal, not a new session: its row, and the length it was asked for.
        const durationSeconds = this.#durationOf(session);
        return (
          await this.#assume(profile, {
            mfaCode,
            region: session.region,
            id: session.id,
            ...(durationSeconds !== undefined ? { durationSeconds } : {}),
          })
        ).session;
      }
      // A session the dashboard made has no profile to assume anew: its own renewal takes the
      // request's code through the run's asker (mfa/request-codes.ts).
      if (mfaCode === undefined) {
        if (left > 0) return session;
        throw new Refused({
          ok: false,
          kind: 'needs-mfa',
          serial,
          message: `${session.id} has ended and needs a new MFA code for ${serial}.`,
        });
      }
    }
    try {
      return await withinTime(sessions.refresh(session.id), this.#refreshLimitMs(), session.id);
    } catch (error) {
      if (left > 0) return session;
      throw error;
    }
  }

  /**
   * The MFA device a refresh of the session would ask a code for, if it would: an agent's refresh
   * (a request, a tick) must never reach the dashboard's form, which nobody sees while a shell
   * has the terminal. A profile's chain says; a session the dashboard made for a role with no
   * profile of its own asks unless an MFA session would serve it; an MFA session's own row always
   * asks (GetSessionToken takes a code each time).
   */
  #wouldAskFor(set: ProfileSet, session: Session): string | undefined {
    const { mfaSessions } = this.#o;
    const { profile, mfa, mfaSerial, roleArn } = session.origin;
    if (profile !== undefined && set.profiles.has(profile)) {
      // Each hop as it renews: the profile's own role for the length this session has (over an
      // hour, or assumed with a fresh code, it asks directly), the hops under it as configured.
      const hops = resolveChain(set, profile).hops;
      const asks = hops.find(
        (hop, i) =>
          hop.mfaSerial &&
          !mfaSessions.liveThrough(
            set,
            hop.profile,
            i === 0 ? (this.#durationOf(session) ?? hop.durationSeconds) : hop.durationSeconds,
          ),
      );
      return asks?.mfaSerial;
    }
    if (mfaSerial !== undefined && roleArn === undefined) return mfaSerial;
    if (!mfa) return undefined;
    if (mfaSerial !== undefined) return mfaSessions.liveFor(mfaSerial) ? undefined : mfaSerial;
    // The device is not on the session: served through an MFA session only while one is live.
    return session.origin.chained && mfaSessions.live().length > 0 ? undefined : 'your MFA device';
  }

  /**
   * A refresh of a session the dashboard started may wait on its MFA form, which nobody sees
   * while a shell has the terminal: the ask ends after two request timeouts and a margin.
   */
  #refreshLimitMs(): number {
    const { connectTimeoutSeconds, requestTimeoutSeconds } = this.#o.settings();
    return (connectTimeoutSeconds + 2 * requestTimeoutSeconds + 5) * 1000;
  }

  #sessionNews(event: SessionEvent): void {
    const { session } = event;
    if (event.type === 'added' || event.type === 'refreshed') {
      this.#issued.set(session.id, this.#o.clock.now());
      this.#tickGaveUp.delete(session.id);
    }
    const bound = this.#clients.boundTo(session.id);
    if (event.type === 'dropped') {
      this.#issued.delete(session.id);
      this.#durations.delete(session.id);
    }
    if (bound.length === 0) return;
    switch (event.type) {
      case 'added':
      case 'refreshed':
        for (const client of bound) this.#clients.bump(client);
        return;
      case 'dropped':
        for (const client of bound) {
          client.session = undefined;
          client.message = `the session ${session.id} was dropped in rolecall: this shell keeps its last credentials${until(session, this.#o.clock.now())}. rolecall use PROFILE binds it to another.`;
          this.#clients.bump(client);
        }
        this.#changed();
        return;
      case 'refresh-failed':
        for (const client of bound) {
          client.message = `rolecall could not refresh ${session.id}: ${describeAwsError(event.error, { doing: `refresh ${session.id}` }).message}`;
          this.#clients.bump(client);
        }
        return;
      case 'expired':
        for (const client of bound) {
          client.message = `the session ${session.id} has expired. rolecall use ${session.id} asks for a new one.`;
          this.#clients.bump(client);
        }
        return;
      default:
        return;
    }
  }

  /**
   * Sessions with clients are kept fresh by the serving rule (#fresh), whatever their dashboard
   * auto-refresh says: a shell or a command left running uses them after any key was pressed.
   * A refresh that would need a code is not tried; the clients hear when the session ends.
   */
  #keepBoundFresh(): void {
    for (const id of this.#clients.boundSessions()) {
      const session = this.#o.sessions.get(id);
      if (!session || this.#refreshing.has(id) || this.#tickGaveUp.has(id) || !this.#due(session)) continue;
      // As a request with no code: whatever would ask for one fails here, never in the form.
      const refreshing = this.#o.asker
        .run(undefined, () => this.#fresh(session, undefined))
        .then(
          (fresh) => {
            // Served what was left (a code would be needed): not tried again every second.
            if (fresh.credentials === session.credentials) this.#tickGaveUp.add(id);
          },
          () => {
            // Failed: said once to its clients, and not tried again every second until the
            // session is refreshed or assumed again some other way.
            this.#tickGaveUp.add(id);
          },
        )
        .finally(() => this.#refreshing.delete(id));
      this.#refreshing.set(id, refreshing);
    }
  }

  /** Resolves once the refreshes the ticks started have ended (the tests wait on it). */
  async refreshesEnded(): Promise<void> {
    while (this.#refreshing.size > 0) await Promise.all(this.#refreshing.values());
  }

  /**
   * How long a session renewed with a code should last: what it was asked for here, else (a
   * session the dashboard started) its length as seen, to the minute; else the profile's own.
   */
  #durationOf(session: Session): number | undefined {
    const asked = this.#durations.get(session.id);
    if (asked !== undefined) return asked;
    const issued = this.#issued.get(session.id);
    const expiration = session.credentials.expiration?.getTime();
    if (issued === undefined || expiration === undefined) return undefined;
    const minutes = Math.round((expiration - issued) / 60_000);
    return minutes >= 15 ? minutes * 60 : undefined;
  }

  /** Less than the serving margin left, and past half its length: worth refreshing. */
  #due(session: Session): boolean {
    return dueForRefresh(session, this.#o.sessions.secondsLeft(session), this.#issued.get(session.id));
  }

  #exports(client: LiveClient): ClientExports {
    const session = client.session ? this.#o.sessions.get(client.session) : undefined;
    const message = client.message ? { message: client.message } : {};
    if (!session) return { generation: client.generation, set: {}, unset: [], ...message };
    const identity = sessionIdentity(session, this.#o.env);
    const { set, unset } = sessionVariables(session.credentials, identity, this.#o.env, { nested: false });
    // The shell's depth is its own, set when it started.
    delete set.ROLECALL_SHLVL;
    if (client.mode === 'exported')
      return { generation: client.generation, session: session.id, set, unset, ...message };
    const prompt = new Set<string>(PROMPT_VARIABLES);
    return {
      generation: client.generation,
      session: session.id,
      set: Object.fromEntries(Object.entries(set).filter(([name]) => prompt.has(name))),
      unset: unset.filter((name) => prompt.has(name)),
      ...message,
    };
  }

  /** Who the session is; in the region the request asked for, when it did (`env --region`). */
  #identity(session: Session, region: string | undefined): WireIdentity {
    const identity = sessionIdentity(session, this.#o.env);
    return { session: session.id, ...identity, ...(region ? { region } : {}) };
  }

  #note(caller: Caller, what: string, how: string): void {
    this.#served.push({ at: new Date(this.#o.clock.now()).toISOString(), caller, what, how });
    if (this.#served.length > SERVED_KEPT) this.#served.splice(0, this.#served.length - SERVED_KEPT);
    this.#servedSinceTick = true;
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

function wireCredentials(credentials: Credentials): WireCredentials {
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    ...(credentials.expiration ? { expiration: rfc3339(credentials.expiration) } : {}),
  };
}

function until(session: Session, now: number): string {
  const expiration = session.credentials.expiration;
  if (!expiration) return '';
  const left = Math.max(0, (expiration.getTime() - now) / 1000);
  return ` (${formatDuration(left)} left)`;
}
