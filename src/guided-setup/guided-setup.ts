// The guided setup's checks, each made by calling AWS: who the person is (GetCallerIdentity), the
// role in the target account and its trust (GetRole, judged by the trust engine), their own
// permission to assume it (SimulatePrincipalPolicy), the config profile (the files as loaded), a
// live session for the role, and what `aws sts get-caller-identity` says in a shell of it. Every
// call goes through the core's clients, with their timeouts; a failure says what failed and what
// to check. Loaded when the guided setup opens.

import type { IAMClient } from '@aws-sdk/client-iam';
import type { IdentityOf } from '../accounts/key-identities';
import type { Assuming } from '../assuming/assuming';
import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import { iamClientFor, mfaDevices, roleDetail } from '../aws/iam-browse';
import { USER_OR_ROLE_ARN } from '../aws-shapes/arn';
import type { Clock } from '../clock';
import { clockTime } from '../clock-time';
import { type CallerIdentity, callerIdentity } from '../credentials/caller-identity';
import { staticProvider } from '../credentials/provider';
import { assumeRoleDecisions } from '../doctor/user-reads';
import { MfaCancelled } from '../mfa/mfa-prompt';
import type { LoadedProfiles } from '../profiles/loaded-profiles';
import type { ProfileSet } from '../profiles/profile-set';
import type { RoleListing } from '../role-listing/role-listing';
import type { Session, SessionStore } from '../sessions/store';
import { childEnvironment } from '../shells/child-env';
import { sessionIdentity } from '../shells/session-identity';
import { emptyTrustDraft, type TrustDraft, trustPolicyOf } from '../trust-policy/draft';
import { callFailure, unexpectedFailure } from './call-failure';
import { checkRoleProfile, type ProfileCheck } from './profile-check';
import { diagnoseRefusal } from './refusal-diagnosis';
import { chosenRoleArn, passed, type SetupChoices, type StepCheck } from './setup-step';
import { awsCliOn, cliCallerIdentity } from './shell-identity';
import { judgeTrust } from './trust-check';

export interface GuidedSetupOptions {
  profiles: LoadedProfiles;
  /** Step 5 assumes the role as the roles list's `a` does. */
  assuming: Assuming;
  identityOf: IdentityOf;
  clients: AwsClients;
  roleListing: RoleListing;
  sessions: SessionStore;
  env: NodeJS.ProcessEnv;
  clock: Clock;
  regionOf: (set: ProfileSet, profile: string) => string;
  /** The settings' timeouts, for the AWS CLI run at step 6. */
  timeouts: () => { connectSeconds: number; requestSeconds: number };
}

/** A profile with keys of its own, and whose they are. */
export interface KeyProfile {
  name: string;
  /** Its keys' ARN, when AWS answered. */
  arn?: string;
  /** They are an IAM user's keys. */
  user: boolean;
  /** Why AWS gave no identity. */
  problem?: string;
}

/** What the role's trusted side opens with, or why it cannot open. */
export type TrustedSideOpening =
  | {
      ok: true;
      roleArn: string;
      trustPolicy: string;
      /** The trust could not be read: what stands in for it, and why. */
      note?: string;
    }
  | { ok: false; check: Extract<StepCheck, { state: 'failed' }> };

const STOPPED: TrustedSideOpening = {
  ok: false,
  check: {
    state: 'failed',
    words: 'Stopped before the role’s trust was read.',
    fix: 'Enter reads it again.',
  },
};

/** The CLI may retry (its standard mode tries 3 times): it is given that long, and a little more. */
const CLI_ATTEMPTS = 3;

export class GuidedSetup {
  readonly #options: GuidedSetupOptions;

  constructor(options: GuidedSetupOptions) {
    this.#options = options;
  }

  /** The profiles with keys of their own, and whose keys they are; the default first among users. */
  async keyProfiles(): Promise<{ profiles: KeyProfile[]; suggested?: string }> {
    const set = await this.#options.profiles.read();
    const profiles = await Promise.all(
      [...set.profiles.values()]
        .filter((p) => !p.roleArn && set.staticKeys(p.name))
        .map(async (p): Promise<KeyProfile> => {
          try {
            const identity = await this.#options.identityOf(p.name);
            const arn = identity?.arn ?? '';
            return { name: p.name, arn, user: USER_OR_ROLE_ARN.exec(arn)?.[3] === 'user' };
          } catch (error) {
            return { name: p.name, user: false, problem: describeAwsError(error).message };
          }
        }),
    );
    // The profile the SDK uses in this terminal, when its keys are a user's, under a name of
    // its own rather than `default` when another profile holds the same keys.
    const selected = profiles.find((p) => p.name === set.selected && p.user);
    const named = selected && profiles.find((p) => p.user && p.arn === selected.arn && p.name !== 'default');
    const suggested = named?.name ?? selected?.name ?? profiles.find((p) => p.user)?.name;
    return { profiles, ...(suggested ? { suggested } : {}) };
  }

  /** Step 1: who the profile's keys are (GetCallerIdentity); it must be an IAM user. */
  async checkWho(choices: SetupChoices): Promise<StepCheck & { identity?: CallerIdentity }> {
    const found = await this.#who(choices);
    if ('check' in found) return found.check;
    const { identity, profile } = found;
    const name = USER_OR_ROLE_ARN.exec(identity.arn)?.[4] ?? identity.arn;
    return {
      state: 'ok',
      identity,
      words: `You are user ${name} in account ${identity.account} (${identity.arn}), through profile ${profile}’s keys.`,
    };
  }

  /** Step 2: the role exists in the target account, and its trust lets you in with MFA, not without. */
  async checkRole(choices: SetupChoices, signal?: AbortSignal): Promise<StepCheck> {
    const arn = chosenRoleArn(choices);
    if (!arn || !choices.target || !choices.roleName)
      return {
        state: 'failed',
        words: 'No target account and role name chosen yet.',
        fix: 'Type the account’s 12 digits and a role name.',
      };
    const who = await this.#who(choices);
    if ('check' in who) return { ...who.check, backTo: 1 };
    const doing = `read role ${choices.roleName} in ${choices.target}`;
    let reader: { iam: IAMClient; via: string } | undefined;
    try {
      reader = await this.#options.roleListing.reader(choices.target, signal ? { signal } : {});
    } catch (error) {
      return callFailure(error, doing, `check that a profile of yours may read IAM in ${choices.target}`);
    }
    if (!reader)
      return {
        state: 'unchecked',
        words: `No profile or session of yours may read IAM in ${choices.target}, so the role cannot be looked at from here: step 5, the assume, checks it.`,
        reason: `no profile or session of yours may read IAM in ${choices.target}`,
      };
    try {
      const detail = await roleDetail(reader.iam, choices.roleName);
      return judgeTrust(detail, who.identity.arn, this.#options.clock.now());
    } catch (error) {
      const described = describeAwsError(error, { doing });
      if (described.kind === 'not-found')
        return {
          state: 'failed',
          missing: true,
          words: `There is no role ${choices.roleName} in ${choices.target} (asked as ${reader.via}).`,
          fix: 'Enter builds it: the trust-policy builder, filled in with your account and MFA required; then every IAM call is shown before it is made.',
        };
      if (described.kind.startsWith('denied'))
        return {
          state: 'unchecked',
          words: `${reader.via} may list the roles of ${choices.target} but not read ${choices.roleName} (${described.message}): step 5, the assume, checks it.`,
          reason: `${reader.via} may not read role ${choices.roleName} in ${choices.target}`,
        };
      return callFailure(error, doing, `check ${reader.via}’s credentials, then check again (c)`);
    }
  }

  /**
   * What the role's trusted side is opened with (steps 3 and 4): the role's trust policy as IAM
   * holds it, which says what the caller's identity policy needs beside sts:AssumeRole
   * (sts:TagSession, sts:SetSourceIdentity) and what the profile names (MFA, an external ID).
   * When no profile of the person's may read it, the trust step 2 asks for stands in: the one the
   * builder makes, filled in (the person's account, MFA required), so the policy grants plain
   * sts:AssumeRole and the profile names the MFA device; the note says so. Never rejects: what
   * went wrong is a check's words. `signal`: the person left; the reads stop.
   */
  trustedSideOpening(choices: SetupChoices, signal?: AbortSignal): Promise<TrustedSideOpening> {
    return this.#trustedSideOpening(choices, signal).catch((error: unknown) => ({
      ok: false,
      check: unexpectedFailure(error),
    }));
  }

  async #trustedSideOpening(choices: SetupChoices, signal?: AbortSignal): Promise<TrustedSideOpening> {
    const roleArn = chosenRoleArn(choices);
    if (!roleArn || !choices.target || !choices.roleName)
      return {
        ok: false,
        check: { state: 'failed', words: 'No role chosen yet.', fix: 'Go back to step 2.', backTo: 2 },
      };
    const reader = await this.#options.roleListing
      .reader(choices.target, signal ? { signal } : {})
      .catch(() => undefined);
    if (signal?.aborted) return STOPPED;
    const read = reader
      ? await roleDetail(reader.iam, choices.roleName).then(
          (detail) => detail.trustPolicy,
          () => undefined,
        )
      : undefined;
    if (read) return { ok: true, roleArn, trustPolicy: read };
    if (signal?.aborted) return STOPPED;
    const who = await this.#who(choices);
    if ('check' in who) return { ok: false, check: { ...who.check, backTo: 1 } };
    const draft: TrustDraft = {
      ...emptyTrustDraft(),
      principals: [{ kind: 'account', id: who.identity.account }],
      requireMfa: true,
    };
    return {
      ok: true,
      roleArn,
      trustPolicy: JSON.stringify(trustPolicyOf(draft), null, 2),
      note: `${roleArn}’s trust policy could not be read from here (${reader ? `${reader.via} may not read it` : `no profile of yours may read IAM in ${choices.target}`}): the trusted side works from the trust this setup asks for, your account (${who.identity.account}) with MFA, so the policy grants plain sts:AssumeRole and the profile names your MFA device.`,
    };
  }

  /**
   * Step 5's action: the role assumed through the chosen profile (the MFA form asks for the
   * code), then the session checked; a refusal is diagnosed and sent back to the step whose policy
   * is missing. Never rejects: what went wrong is the check's words.
   */
  async assume(choices: SetupChoices): Promise<StepCheck & { session?: Session }> {
    const roleArn = chosenRoleArn(choices);
    if (!roleArn || !choices.target)
      return {
        state: 'failed',
        words: 'No role chosen yet.',
        fix: 'Go back to step 2.',
        backTo: 2,
        missing: true,
      };
    const { roleListing, assuming } = this.#options;
    try {
      const { rows } = await roleListing.roles(choices.target);
      const row =
        rows.find((r) => r.arn === roleArn && r.profile?.name === choices.profile) ??
        rows.find((r) => r.arn === roleArn && r.profile);
      if (!row)
        return {
          state: 'failed',
          words: `No profile of yours assumes ${roleArn} any more.`,
          fix: 'Enter at step 4 opens the trusted side again, to write it.',
          backTo: 4,
          missing: true,
        };
      await assuming.assume(row, await assuming.defaults(row));
    } catch (error) {
      if (error instanceof MfaCancelled)
        return {
          state: 'failed',
          missing: true,
          words: 'Not assumed: no MFA code was given.',
          fix: 'Enter assumes it again.',
        };
      return this.diagnose(choices, error).catch(unexpectedFailure);
    }
    return this.checkSession(choices);
  }

  /** Step 3: your own policies allow sts:AssumeRole on the role (SimulatePrincipalPolicy). */
  async checkPermission(choices: SetupChoices): Promise<StepCheck> {
    const arn = chosenRoleArn(choices);
    if (!arn) return { state: 'failed', words: 'No role chosen yet.', fix: 'Go back to step 2.', backTo: 2 };
    const who = await this.#who(choices);
    if ('check' in who) return { ...who.check, backTo: 1 };
    const iam = await this.#ownIam(who.profile);
    const user = userName(who.identity.arn);
    try {
      const [decision] = await assumeRoleDecisions(iam, who.identity.arn, [arn]);
      if (decision?.decision === 'allowed')
        return { state: 'ok', words: `Your policies (user ${user}) allow sts:AssumeRole on ${arn}.` };
      return {
        state: 'failed',
        missing: true,
        words: `Your policies (user ${user}) do not allow sts:AssumeRole on ${arn} (${decision?.decision === 'explicitDeny' ? 'an explicit deny' : 'no statement allows it'}): AWS refuses the assume whatever the role’s trust says.`,
        fix: 'Enter opens the role’s trusted side: it puts the identity policy on your user (PutUserPolicy) through a profile of yours that may write IAM in your account, or says what to ask an admin.',
      };
    } catch (error) {
      const described = describeAwsError(error, {
        doing: 'simulate your policies for sts:AssumeRole (SimulatePrincipalPolicy)',
      });
      if (described.kind.startsWith('denied'))
        return {
          state: 'unchecked',
          words: `IAM does not let you simulate your own policies (iam:SimulatePrincipalPolicy), so your permission is checked at step 5, by assuming the role.`,
          reason: 'IAM does not let you simulate your own policies (iam:SimulatePrincipalPolicy)',
        };
      return callFailure(
        error,
        'simulate your policies for sts:AssumeRole (SimulatePrincipalPolicy)',
        `check your keys (profile ${who.profile}), then check again (c)`,
      );
    }
  }

  /** Step 4: a profile assumes the role from your keys with your MFA device. */
  async checkProfile(choices: SetupChoices): Promise<ProfileCheck> {
    const arn = chosenRoleArn(choices);
    if (!arn) return { state: 'failed', words: 'No role chosen yet.', fix: 'Go back to step 2.', backTo: 2 };
    const who = await this.#who(choices);
    if ('check' in who) return { ...who.check, backTo: 1 };
    const set = await this.#options.profiles.read();
    const iam = await this.#ownIam(who.profile);
    const devices = await mfaDevices(iam, userName(who.identity.arn)).then(
      (list) => list.map((d) => d.serial),
      () => undefined,
    );
    return checkRoleProfile({
      set,
      roleArn: arn,
      sourceProfile: who.profile,
      userArn: who.identity.arn,
      identityOf: this.#options.identityOf,
      devices,
      ...(choices.profile ? { preferred: choices.profile } : {}),
    });
  }

  /** Step 5: a live session for the role. */
  checkSession(choices: SetupChoices): StepCheck & { session?: Session } {
    const session = this.session(choices);
    if (!session)
      return {
        state: 'failed',
        missing: true,
        words: `No live session of ${chosenRoleArn(choices) ?? 'the role'} yet.`,
        fix: 'Enter assumes it through your new profile; the MFA form asks for your code.',
      };
    return {
      state: 'ok',
      session,
      words: `Session ${session.id} is live${session.credentials.expiration ? ` until ${clockTime(session.credentials.expiration)}` : ''}.`,
    };
  }

  /** The live session of the role, the chosen profile's first. */
  session(choices: SetupChoices): Session | undefined {
    const arn = chosenRoleArn(choices);
    const { sessions } = this.#options;
    const live = sessions
      .list()
      .filter((s) => s.origin.roleArn === arn && sessions.secondsLeft(s) !== 0)
      .sort(
        (a, b) => Number(b.origin.profile === choices.profile) - Number(a.origin.profile === choices.profile),
      );
    return live[0];
  }

  /** Step 6: in the environment a rolecall shell of the session gets, AWS says you are the role. */
  async checkShell(choices: SetupChoices): Promise<StepCheck> {
    const session = this.session(choices);
    if (!session)
      return {
        state: 'failed',
        words: 'The role’s session is gone (it expired, or was dropped).',
        fix: 'Assume the role again.',
        backTo: 5,
      };
    const { env, clients } = this.#options;
    const child = childEnvironment(env, session.credentials, sessionIdentity(session, env));
    const cli = awsCliOn(child);
    let arn: string;
    let asked: string;
    if (cli) {
      const timeouts = this.#options.timeouts();
      const answer = await cliCallerIdentity(
        cli,
        child,
        timeouts,
        (timeouts.connectSeconds + timeouts.requestSeconds) * 1000 * CLI_ATTEMPTS + 5000,
      );
      if (!answer.ok)
        return {
          state: 'failed',
          words: `${answer.message}.`,
          fix: 'Check the AWS CLI’s own config (a [default] that sets something odd), and your network.',
        };
      arn = answer.arn;
      asked = '`aws sts get-caller-identity`';
    } else {
      try {
        arn = (
          await callerIdentity(
            staticProvider(`session ${session.id}`, session.credentials),
            session.region,
            clients,
          )
        ).arn;
      } catch (error) {
        return callFailure(
          error,
          `ask AWS who session ${session.id} is`,
          'check your network, then check again (c)',
        );
      }
      asked = 'GetCallerIdentity (the AWS CLI is not on your PATH)';
    }
    const role = choices.roleName ?? '';
    if (new RegExp(`^arn:[\\w-]+:sts::${choices.target}:assumed-role/${literal(role)}/`).test(arn))
      return {
        state: 'ok',
        words: `In its shell, ${asked} answers ${arn}.`,
        // The check gave the CLI --endpoint-url (shell-identity.ts); a person typing the command
        // in the shell would not, and an older CLI would then ask AWS itself.
        ...(child.AWS_ENDPOINT_URL
          ? {
              notes: [
                `Its calls go to ${child.AWS_ENDPOINT_URL} (AWS_ENDPOINT_URL), which an AWS CLI older than 2.13 (1.29 for v1) ignores: in the shell, give such a CLI --endpoint-url "$AWS_ENDPOINT_URL".`,
              ],
            }
          : {}),
      };
    return {
      state: 'failed',
      words: `In a shell of session ${session.id}, ${asked} answers ${arn}, not the role ${role}.`,
      fix: 'Something in your environment or CLI config overrides the session’s keys: run rolecall doctor.',
    };
  }

  /**
   * Why an assume of the role was refused: the checks of steps 2 and 3 made again, in words, with
   * the step to go back to.
   */
  async diagnose(choices: SetupChoices, error: unknown): Promise<StepCheck> {
    const described = describeAwsError(error);
    if (!described.kind.startsWith('denied'))
      return callFailure(error, `assume ${choices.roleName}`, 'check your MFA code, then try again');
    const trust = await this.checkRole(choices);
    const permission = passed(trust) ? await this.checkPermission(choices) : trust;
    return diagnoseRefusal(trust, permission, described.aws ?? described.message, choices.target ?? '');
  }

  /**
   * On opening: the steps before the saved one checked again, in order; the first that fails is
   * where to resume (with its check), else the saved step.
   */
  async resume(
    step: number,
    choices: SetupChoices,
    heard: (step: number, check: StepCheck) => void,
  ): Promise<{ step: number; failed?: StepCheck }> {
    for (let at = 1; at < step; at++) {
      const check = await this.check(at, choices);
      heard(at, check);
      if (!passed(check)) return { step: at, failed: check };
    }
    return { step };
  }

  /** The check of step `step`; never rejects: what went wrong is the check's words. */
  check(step: number, choices: SetupChoices): Promise<StepCheck> {
    return this.#check(step, choices).catch(unexpectedFailure);
  }

  #check(step: number, choices: SetupChoices): Promise<StepCheck> {
    switch (step) {
      case 1:
        return this.checkWho(choices);
      case 2:
        return this.checkRole(choices);
      case 3:
        return this.checkPermission(choices);
      case 4:
        return this.checkProfile(choices);
      case 5:
        return Promise.resolve(this.checkSession(choices));
      default:
        return this.checkShell(choices);
    }
  }

  async #who(
    choices: SetupChoices,
  ): Promise<
    { identity: CallerIdentity; profile: string } | { check: Extract<StepCheck, { state: 'failed' }> }
  > {
    const profile = choices.sourceProfile;
    if (!profile)
      return {
        check: {
          state: 'failed',
          words: 'No profile chosen yet.',
          fix: 'Choose the profile with your own keys.',
        },
      };
    const set = await this.#options.profiles.read();
    const keys = set.staticKeys(profile);
    if (!set.profiles.has(profile))
      return {
        check: {
          state: 'failed',
          words: `There is no profile ${profile} in your AWS files any more.`,
          fix: 'Choose the profile with your own keys.',
        },
      };
    if (!keys)
      return {
        check: {
          state: 'failed',
          words: `Profile ${profile} has no keys of its own.`,
          fix: 'Choose the profile with your IAM user’s access keys (aws_access_key_id in the credentials file).',
        },
      };
    let identity: CallerIdentity;
    try {
      identity = await callerIdentity(
        staticProvider(`profile ${profile}`, keys),
        this.#options.regionOf(set, profile),
        this.#options.clients,
      );
    } catch (error) {
      return {
        check: callFailure(
          error,
          `ask AWS who profile ${profile} is`,
          `check profile ${profile}’s keys in ${set.files.credentialsFile}, then check again (c)`,
        ),
      };
    }
    if (USER_OR_ROLE_ARN.exec(identity.arn)?.[3] !== 'user')
      return {
        check: {
          state: 'failed',
          words: `Profile ${profile}’s keys are ${identity.arn}, not an IAM user’s.`,
          fix: 'Choose the profile with your own IAM user’s keys: the roles come after.',
        },
      };
    return { identity, profile };
  }

  async #ownIam(profile: string): Promise<IAMClient> {
    const set = await this.#options.profiles.read();
    const keys = set.staticKeys(profile);
    if (!keys) throw new Error(`profile ${profile} has no keys`);
    return iamClientFor(
      staticProvider(`profile ${profile}`, keys),
      this.#options.regionOf(set, profile),
      this.#options.clients,
    );
  }
}

function userName(arn: string): string {
  return USER_OR_ROLE_ARN.exec(arn)?.[4] ?? arn;
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
