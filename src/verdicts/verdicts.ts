// Who would assume each role, and what an assume would send: what a row's verdict (assumable,
// needs MFA, refused…) is worked out from. The verdict itself is row-verdict.ts's rowVerdict.
import type { IdentityOf } from '../accounts/key-identities';
import { FRESH_MARGIN_MS } from '../credentials/provider';
import type { MfaSessions } from '../mfa/mfa-sessions';
import type { Caller } from '../policy/verdict';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { ProfileSet } from '../profiles/profile-set';
import type { RoleRow } from '../role-listing/role-rows';
import { callerOfRoleProfile, callerOfSource, sourceFor } from './callers';
import type { RowCaller, RowJudging } from './row-verdict';

export interface VerdictsOptions {
  profiles: LoadedProfiles;
  identityOf: IdentityOf;
  mfaSessions: MfaSessions;
  /** What an assume of a row would send with no form in between (src/assuming/assume-defaults.ts). */
  rules: { requests(): (row: RoleRow) => RowJudging };
}

export class Verdicts {
  readonly #options: VerdictsOptions;

  constructor(options: VerdictsOptions) {
    this.#options = options;
  }

  /**
   * Who would call AssumeRole for this row: the profile's source, or the account's usual source;
   * with the live MFA session an assume of an hour or less would go through, if there is one.
   */
  async callerFor(row: RoleRow): Promise<RowCaller | undefined> {
    const { profiles, identityOf } = this.#options;
    const set = await profiles.read();
    const source = row.profile ? undefined : sourceFor(set, row.account);
    const caller: Caller | undefined = row.profile
      ? await callerOfRoleProfile(set, row.profile.name, identityOf)
      : source
        ? await callerOfSource(set, source, identityOf)
        : undefined;
    const mfaSession = caller && (await this.#mfaSessionFor(set, row, caller));
    return caller && mfaSession ? { ...caller, mfaSession } : caller;
  }

  /** Who would assume each row, worked out once per caller (a profile, or the account's usual source). */
  async callersOf(rows: readonly RoleRow[]): Promise<(row: RoleRow) => RowCaller | undefined> {
    const keys = [...new Set(rows.map((row) => row.profile?.name ?? ''))];
    const byKey = new Map<string, RowCaller | undefined>();
    await Promise.all(
      keys.map(async (key) => {
        const row = rows.find((r) => (r.profile?.name ?? '') === key);
        if (row) byKey.set(key, await this.callerFor(row).catch(() => undefined));
      }),
    );
    return (row) => byKey.get(row.profile?.name ?? '');
  }

  /**
   * Each of your identities, once: who each profile is as the source of an assume (its keys'
   * identity, or the session of the role it assumes), for "could this caller assume it?".
   */
  async yourCallers(): Promise<Array<{ profile: string; caller: Caller }>> {
    const { profiles, identityOf } = this.#options;
    const set = await profiles.read();
    const usable = [...set.profiles.values()].filter(
      (p) => p.kind !== 'invalid' && p.kind !== 'no-credentials',
    );
    const found = await Promise.all(
      usable.map(async (p) => ({
        profile: p.name,
        caller: await callerOfSource(set, p.name, identityOf).catch(() => undefined),
      })),
    );
    const seen = new Set<string>();
    return found.flatMap(({ profile, caller }) => {
      if (!caller || seen.has(caller.arn)) return [];
      seen.add(caller.arn);
      return [{ profile, caller }];
    });
  }

  /** What an assume of each row would send with no form in between (assume-defaults.ts). */
  assumeRequests(): (row: RoleRow) => RowJudging {
    return this.#options.rules.requests();
  }

  /**
   * The live MFA session an assume of this row would start from: for a role profile, the one its
   * chain would go through; for a role with no profile, a session started by the same user.
   */
  async #mfaSessionFor(set: ProfileSet, row: RoleRow, caller: Caller): Promise<RowCaller['mfaSession']> {
    const { mfaSessions, identityOf } = this.#options;
    let through = row.profile ? mfaSessions.liveThrough(set, row.profile.name) : undefined;
    if (!row.profile && !caller.chained) {
      for (const candidate of mfaSessions.live()) {
        const from = candidate.provider.source.replace(/^profile /, '');
        const user = await identityOf(from).catch(() => undefined);
        if (user?.arn !== caller.arn) continue;
        through = candidate;
        break;
      }
    }
    // Until live() says it is over: a code is asked for from then on.
    const expiration = through?.credentials.expiration?.getTime();
    const since = through?.provider.startedAt();
    return through && expiration && since !== undefined
      ? { serial: through.serial, until: expiration - FRESH_MARGIN_MS, since }
      : undefined;
  }
}
