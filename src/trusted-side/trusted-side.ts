// The trusted account's side of a role, as the core offers it: the identity policy its callers
// need, where it can go and who can put it there (whoever may write IAM in that account: the
// same writers as creating and editing a role, most likely first), putting it there and taking it off
// again, and the ~/.aws/config profile that assumes the role, written safely (aws-files/).
import { randomBytes } from 'node:crypto';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import { addProfileSection, freeProfileName } from '../aws-files/config-section';
import {
  configFilePath,
  type FileEdit,
  type FileNow,
  prepareEdit,
  readForEdit,
  type WriteResult,
  writeEdit,
} from '../aws-files/file-edit';
import type { Clock } from '../clock';
import type { CallerIdentity } from '../credentials/caller-identity';
import { staticProvider } from '../credentials/provider';
import { fileErrorWords } from '../file-error-words';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { ProfileSet } from '../profiles/profile-set';
import type { IamCaller } from '../role-listing/role-listing';
import { assumeProfileKeys } from './assume-profile';
import { type PolicyHolder, putActionOf } from './grant-calls';
import { type IdentityPolicy, type IdentityPolicyResult, identityPolicyFor } from './identity-policy';
import { type GrantTarget, grantTargets, roleAccount, type TrustedAccountTargets } from './targets';

export interface TrustedSideOptions {
  profiles: LoadedProfiles;
  identityOf: (profile: string) => Promise<CallerIdentity | undefined>;
  /**
   * Who may write IAM in an account, most likely first (RoleListing.writers: the live sessions
   * there, then whoever listed its roles, then the profiles that need no code): the same list
   * creating and editing a role go through.
   */
  writers: (account: string) => AsyncIterable<IamCaller>;
  clients: AwsClients;
  clock: Clock;
  env: NodeJS.ProcessEnv;
  /** The account's alias, when known, for profile names ("prod-Deploy"). */
  aliasOf: (account: string) => string | undefined;
  regionOf: (set: ProfileSet, profile: string) => string;
}

/** The call that puts the policy in place, as the confirmation shows it. */
export interface GrantCall {
  action: string;
  holder: PolicyHolder;
  account: string;
  policyName: string;
  document: string;
}

export type GrantOutcome =
  | {
      ok: true;
      call: GrantCall;
      /** Who made it: "session identity-admin", "profile alice". */
      via: string;
      /** It was there already, word for word: nothing was sent, and undo leaves it. */
      already: boolean;
      /** Why it has the name it has, when that is not the name suggested for a plain reason. */
      note?: string;
    }
  | {
      ok: false;
      /** What failed, in words; when nobody may write there, what to ask an admin. */
      message: string;
      /** Nobody of yours may write IAM there: the policy is for an admin to attach. */
      askAdmin: boolean;
      call: GrantCall;
    };

/** A config profile ready to be written: its name, its keys, and the change to the file. */
export interface ProfileProposal {
  name: string;
  keys: Array<[string, string]>;
  edit: FileEdit;
  /** Profiles that assume this role already (so a person may not need another). */
  alreadyAssumedBy: string[];
}

/** How many names are tried when the holder has another policy by the suggested one. */
const NAME_TRIES = 20;

export class TrustedSide {
  readonly #options: TrustedSideOptions;

  constructor(options: TrustedSideOptions) {
    this.#options = options;
  }

  policy(roleArn: string, trustPolicy: string): IdentityPolicyResult {
    return identityPolicyFor(roleArn, trustPolicy);
  }

  /** The places it can go, account by account. */
  async targets(policy: IdentityPolicy): Promise<TrustedAccountTargets[]> {
    const set = await this.#options.profiles.read();
    const { groupsOfUser } = await import('./grant-calls');
    return grantTargets(policy, {
      set,
      identityOf: this.#options.identityOf,
      groupsOf: async (account, user) => {
        const reasons: string[] = [];
        for await (const { client, via } of this.#clients(account)) {
          try {
            return { groups: await groupsOfUser(client, user) };
          } catch (error) {
            reasons.push(`${via}: ${describeAwsError(error).message}`);
          }
        }
        return {
          message: reasons.length ? reasons.join('; ') : `no profile of yours may read IAM in ${account}.`,
        };
      },
    });
  }

  /** Who would make the call, most likely first ("session x", "profile y"); empty when nobody may. */
  async writers(account: string): Promise<string[]> {
    const names: string[] = [];
    for await (const writer of this.#options.writers(account)) names.push(writer.via);
    return names;
  }

  /** The call that would put the policy on the target. */
  call(target: GrantTarget, policy: IdentityPolicy): GrantCall {
    return {
      action: putActionOf(target.kind),
      holder: { kind: target.kind, name: target.name },
      account: target.account,
      policyName: policy.name,
      document: policy.document,
    };
  }

  /**
   * Puts the policy on the target through the first of the account's writers that may. A policy
   * of the same name with other words is never replaced (Put… would): the next free name is used.
   * `signal` (the person leaving) is looked at between calls only, never passed into the Put: a
   * write cut off mid-flight has an outcome nobody knows, so nothing could be said or undone.
   */
  async attach(target: GrantTarget, policy: IdentityPolicy, signal?: AbortSignal): Promise<GrantOutcome> {
    const { inlinePolicyOf, putInlinePolicy } = await import('./grant-calls');
    let call = this.call(target, policy);
    const refusals: string[] = [];
    const stopped = (): GrantOutcome => ({
      ok: false,
      askAdmin: false,
      call,
      message: `Stopped before ${call.action}: nothing was written.`,
    });
    for await (const { client, via } of this.#clients(target.account)) {
      if (signal?.aborted) return stopped();
      const doing = `${call.action} on ${target.kind} ${target.name} as ${via}`;
      try {
        let name: string | undefined;
        let note: string | undefined;
        for (let n = 1; n <= NAME_TRIES && name === undefined; n++) {
          const candidate = n === 1 ? policy.name : withSuffix(policy.name, `-${n}`);
          let there: string | undefined;
          try {
            there = await inlinePolicyOf(client, call.holder, candidate);
          } catch (error) {
            if (!describeAwsError(error).kind.startsWith('denied')) throw error;
            // May put but not read (Get…Policy denied): which names are in use cannot be told, so
            // a name nobody would have chosen, rather than risk replacing a policy of its name.
            name = withSuffix(policy.name, `-${randomBytes(4).toString('hex')}`);
            note = `${via} may not read ${target.kind} ${target.name}’s policies (iam:Get${capital(target.kind)}Policy), so it was named ${name} to replace none.`;
            break;
          }
          if (there === undefined) name = candidate;
          else if (sameJson(there, policy.document))
            return { ok: true, call: { ...call, policyName: candidate }, via, already: true };
        }
        if (name === undefined) {
          return {
            ok: false,
            askAdmin: false,
            call,
            message: `${target.kind} ${target.name} has ${NAME_TRIES} other policies named like ${policy.name}; attach it by hand.`,
          };
        }
        call = { ...call, policyName: name };
        if (signal?.aborted) return stopped();
        await putInlinePolicy(client, call.holder, name, policy.document);
        return { ok: true, call, via, already: false, ...(note ? { note } : {}) };
      } catch (error) {
        const described = describeAwsError(error, { doing });
        if (!described.kind.startsWith('denied'))
          return { ok: false, askAdmin: false, call, message: described.message };
        refusals.push(`${via} may not`);
        // The next writer starts again from the suggested name (a random one was this one's).
        call = this.call(target, policy);
      }
    }
    const who = refusals.length ? ` (${refusals.join(', ')})` : '';
    return {
      ok: false,
      askAdmin: true,
      call,
      message: `No profile or session of yours may write IAM in ${target.account}${who}. Ask an admin of ${target.account} to attach this policy to ${target.kind} ${target.name} as ${call.policyName}:`,
    };
  }

  /** Takes off what attach put on, through whoever put it; leaves a policy that was there before. */
  async undo(
    outcome: Extract<GrantOutcome, { ok: true }>,
  ): Promise<{ ok: true } | { ok: false; message: string }> {
    if (outcome.already) return { ok: true };
    const { deleteInlinePolicy } = await import('./grant-calls');
    for await (const { client, via } of this.#clients(outcome.call.account)) {
      if (via !== outcome.via) continue;
      try {
        await deleteInlinePolicy(client, outcome.call.holder, outcome.call.policyName);
        return { ok: true };
      } catch (error) {
        return {
          ok: false,
          message: describeAwsError(error, { doing: `remove ${outcome.call.policyName}` }).message,
        };
      }
    }
    return { ok: false, message: `${outcome.via} is gone; remove ${outcome.call.policyName} by hand.` };
  }

  /** The config profile that assumes the role through `source`, and the change to the file. */
  async profileProposal(
    policy: IdentityPolicy,
    source: string,
    needs: GrantTarget['needs'],
    name?: string,
  ): Promise<{ ok: true; proposal: ProfileProposal } | { ok: false; message: string }> {
    const { env, regionOf, clients } = this.#options;
    const set = await this.#options.profiles.read();
    const profile = set.profiles.get(source);
    if (!profile) return { ok: false, message: `There is no profile ${source}; read the profiles again.` };
    let userMfaDevice: string | undefined;
    if (needs.mfa && !profile.mfaSerial) {
      // A key profile's own mfa_serial is ignored by the SDKs, so people name it on the role
      // profiles that use it: take it from there, else ask IAM for the user's device.
      userMfaDevice = [...set.profiles.values()].find(
        (p) => p.sourceProfile === source && p.mfaSerial,
      )?.mfaSerial;
      const keys = set.staticKeys(source);
      if (!userMfaDevice && keys) {
        const { mfaDevices, iamClientFor } = await import('../aws/iam-browse');
        const iam = iamClientFor(staticProvider(`profile ${source}`, keys), regionOf(set, source), clients);
        userMfaDevice = (await mfaDevices(iam).catch(() => []))[0]?.serial;
      }
    }
    const keys = assumeProfileKeys({
      roleArn: policy.roleArn,
      roleName: policy.roleName,
      source: profile,
      needs,
      ...(userMfaDevice ? { userMfaDevice } : {}),
    });
    if (!keys.ok) return keys;
    const path = configFilePath(env);
    let current: FileNow;
    try {
      current = await readForEdit(path);
    } catch (error) {
      return { ok: false, message: `Could not read ${path}: ${fileErrorWords(error)}.` };
    }
    const account = roleAccount(policy.roleArn) ?? '';
    // Every profile loaded, the credentials file's too: a name there is not free either.
    const taken = [...set.profiles.keys()];
    const chosen =
      name ??
      freeProfileName(current.text, `${this.#options.aliasOf(account) ?? account}-${policy.roleName}`, taken);
    const added = addProfileSection(current.text, chosen, keys.keys, taken);
    if (!added.ok) return added;
    const prepared = prepareEdit(path, current, added.text);
    if (!prepared.ok) return prepared;
    const alreadyAssumedBy = [...set.profiles.values()]
      .filter((p) => p.roleArn === policy.roleArn)
      .map((p) => p.name);
    return {
      ok: true,
      proposal: {
        name: chosen,
        keys: keys.keys,
        edit: prepared.edit,
        alreadyAssumedBy,
      },
    };
  }

  /** Writes the proposal, once the file is checked unchanged since it was shown. */
  writeProfile(proposal: ProfileProposal): Promise<WriteResult> {
    return writeEdit(proposal.edit, this.#options.clock);
  }

  async *#clients(account: string): AsyncGenerator<{ client: IAMClient; via: string }> {
    for await (const { iam, via } of this.#options.writers(account)) yield { client: iam, via };
  }
}

/** The name with the suffix, cut at its end (not its start) to IAM's 128 characters. */
export function withSuffix(name: string, suffix: string): string {
  return `${name.slice(0, 128 - suffix.length)}${suffix}`;
}

function capital(word: string): string {
  return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
}

function sameJson(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}
