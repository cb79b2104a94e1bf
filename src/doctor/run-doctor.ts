// `rolecall doctor`'s check, whole: the terminal's variables, the profiles, then AWS: who the
// default chain is (GetCallerIdentity, whose Date also gives the clock skew) and, for a user,
// its MFA devices, its access keys and whether its policies allow sts:AssumeRole. Every AWS
// call goes through the core's clients (timeouts, bounded retries); a refused or unreachable
// call is a finding in words, never a crash. Read-only: nothing is written anywhere.
import { IAMClient } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsClients } from '../aws/clients';
import { describeAwsError } from '../aws/errors';
import type { Clock } from '../clock';
import { ProfileError, type ProfileProviderOptions, providerForProfile } from '../credentials/from-profile';
import { type CredentialProvider, staticProvider } from '../credentials/provider';
import { resolveChain } from '../profiles/chain';
import { lintProfiles } from '../profiles/lint';
import type { ProfileSet } from '../profiles/profile-set';
import { assumePermissionFindings, type SimulationAnswer } from './assume-permission';
import { clockFinding } from './clock-skew';
import type { DoctorFinding } from './finding';
import { keyAgeFindings } from './key-age';
import { mfaFindings } from './mfa-findings';
import { profileFindings } from './profile-findings';
import { watchResponseDate } from './response-date';
import { terminalFindings } from './terminal-env';
import { assumeRoleDecisions, userAccessKeys, userMfaSerials } from './user-reads';

export interface DoctorInputs {
  env: NodeJS.ProcessEnv;
  set: ProfileSet;
  clients: AwsClients;
  clock: Clock;
  region: string;
  /** The settings' part of a provider's options (assume-defaults.ts forProviders()). */
  providerOptions: Pick<ProfileProviderOptions, 'defaultRegion' | 'defaultDurationSeconds' | 'sessionName'>;
}

export async function runDoctor(inputs: DoctorInputs): Promise<DoctorFinding[]> {
  const { env, set } = inputs;
  const findings = [...terminalFindings(env), ...profileFindings(set)];
  const found = defaultSource(inputs);
  if ('finding' in found) findings.push(found.finding);
  let clockChecked = false;
  /** GetCallerIdentity for `keys`, and the clock from its answer (refused or not), once. */
  const whoIs = async (keys: KeySource): Promise<string | undefined> => {
    const sts = inputs.clients.make(STSClient, 'STS', keys.provider, inputs.region);
    const awsDate = watchResponseDate(sts);
    try {
      return (await sts.send(new GetCallerIdentityCommand({}))).Arn ?? '';
    } catch (error) {
      findings.push(identityRefused(error, keys.label, env));
      return undefined;
    } finally {
      // A refusal carries AWS's Date too: a skewed clock is often why it was refused.
      const clock = clockChecked ? undefined : clockFinding(awsDate(), new Date(inputs.clock.now()));
      clockChecked ||= awsDate() !== undefined;
      if (clock) findings.push(clock);
    }
  };

  let source: KeySource | undefined;
  let arn: string | undefined;
  if ('provider' in found) {
    arn = await whoIs(found);
    if (arn !== undefined)
      findings.push({
        severity: 'info',
        check: 'identity',
        message: `The SDK in this terminal is ${arn} (account ${arn.split(':')[4]}), from ${found.label}.`,
      });
    if (arn !== undefined && userIn(arn)) source = found;
  }
  // A role profile: the user is the one whose keys the chain starts from (no MFA code needed).
  const base = found.base;
  if (!source && base) {
    const baseArn = await whoIs(base);
    if (baseArn !== undefined && userIn(baseArn)) {
      source = base;
      arn = baseArn;
      findings.push({
        severity: 'info',
        check: 'identity',
        message: `Profile ${set.selected} starts from the keys of ${baseArn} (${base.label}): the checks of a user below are of that user.`,
      });
    } else arn ??= baseArn;
  }
  if (arn === undefined) {
    // Silence about the checks that need an identity would read as if they had passed.
    findings.push(notCheckedWithoutIdentity(clockChecked));
    return findings;
  }
  if (!source) {
    findings.push({
      severity: 'info',
      check: 'mfa',
      message: `${arn} is not an IAM user: the MFA device, access key and sts:AssumeRole checks are for a user's keys.`,
    });
    return findings;
  }
  const user = userIn(arn) ?? '';
  const iam = inputs.clients.make(IAMClient, 'IAM', source.provider, inputs.region);
  const [devices, keys] = await Promise.all([
    read(() => userMfaSerials(iam, user), 'list your MFA devices'),
    read(() => userAccessKeys(iam, user), 'list your access keys'),
  ]);
  const now = new Date(inputs.clock.now());
  // The profiles holding the keys in use are the user's even when IAM may not list its keys.
  const keyProfiles = new Set<string>();
  const inUse = source.keyId;
  for (const name of set.profiles.keys())
    if (inUse && set.staticKeys(name)?.accessKeyId === inUse) keyProfiles.add(name);
  if ('value' in keys) {
    findings.push(...keyAgeFindings(user, keys.value, now));
    const ids = new Set(keys.value.map((k) => k.keyId));
    for (const name of set.profiles.keys())
      if (ids.has(set.staticKeys(name)?.accessKeyId ?? '')) keyProfiles.add(name);
  } else findings.push(keys.finding('access-keys'));
  if ('value' in devices) findings.push(...mfaFindings(set, { user, devices: devices.value, keyProfiles }));
  else findings.push(devices.finding('mfa'));

  const roles = rolesAssumedWith(set, keyProfiles);
  if (roles.length === 0) {
    // Simulated on "*", a policy that allows sts:AssumeRole on named roles reads as a deny
    // (its Resource does not match the request resource "*"): without a role there is no question to ask.
    findings.push({
      severity: 'info',
      check: 'permissions',
      message: `No profile assumes a role with ${user}'s keys, so whether ${user} may assume roles was not simulated.`,
    });
    return findings;
  }
  const simulated = await read(
    () => assumeRoleDecisions(iam, arn, roles),
    'check whether your policies allow sts:AssumeRole (SimulatePrincipalPolicy)',
  );
  const answer: SimulationAnswer =
    'value' in simulated
      ? { kind: 'decisions', decisions: simulated.value }
      : { kind: 'not-checked', why: simulated.why };
  findings.push(...assumePermissionFindings(user, answer));
  return findings;
}

interface KeySource {
  provider: CredentialProvider;
  label: string;
  keyId?: string;
}

/** What the default chain gives, or why not; and the keys a role profile's chain starts from. */
type Source = (KeySource | { finding: DoctorFinding }) & { base?: KeySource };

/** The user name in a user ARN (path left out); undefined for anything else. */
function userIn(arn: string): string | undefined {
  return /^arn:aws[\w-]*:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
}

/**
 * The JS SDK's default chain as rolecall uses it: exported keys unless AWS_PROFILE is set, else
 * the selected profile (aws-reference.md section 1). A profile that needs an MFA code is not
 * asked for one: doctor only reads.
 */
function defaultSource(inputs: DoctorInputs): Source {
  const { env, set } = inputs;
  if (!env.AWS_PROFILE && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY)
    return {
      label: 'the exported AWS_ACCESS_KEY_ID',
      keyId: env.AWS_ACCESS_KEY_ID,
      provider: staticProvider('exported keys', {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
        ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      }),
    };
  const name = set.selected;
  const none = (message: string, fix: string): Source => ({
    finding: { severity: 'error', check: 'identity', message, fix },
  });
  if (!set.profiles.has(name))
    return none(
      `No credentials in this terminal: there is no profile ${name}${env.AWS_PROFILE ? ' (AWS_PROFILE)' : ''} and no exported keys.`,
      env.AWS_PROFILE
        ? 'Set AWS_PROFILE to one of your profiles.'
        : 'Set AWS_PROFILE to a profile with keys, or add a [default] profile.',
    );
  const chain = resolveChain(set, name);
  const baseKeys = chain.base?.kind === 'static' ? set.staticKeys(chain.base.profile) : undefined;
  const base: KeySource | undefined =
    baseKeys && chain.base && chain.hops.length > 0 && !chain.problem
      ? {
          provider: staticProvider(`profile ${chain.base.profile}`, baseKeys),
          label: `profile ${chain.base.profile}`,
          keyId: baseKeys.accessKeyId,
        }
      : undefined;
  const withBase = (source: Source): Source => (base ? { ...source, base } : source);
  if (!chain.problem && chain.hops.some((hop) => hop.mfaSerial))
    return withBase({
      finding: {
        severity: 'info',
        check: 'identity',
        message: `Profile ${name} needs an MFA code; doctor asks for none, so it did not assume its role.`,
      },
    });
  try {
    const { provider } = providerForProfile(set, name, {
      ...inputs.providerOptions,
      askCode: async () => {
        throw new ProfileError('needs an MFA code');
      },
      clock: inputs.clock,
      env,
      clients: inputs.clients,
    });
    const keyId = chain.hops.length === 0 ? set.staticKeys(name)?.accessKeyId : undefined;
    return withBase({ provider, label: `profile ${name}`, ...(keyId ? { keyId } : {}) });
  } catch (error) {
    if (error instanceof ProfileError) {
      // The lint says what is wrong with the profile when it can; else the way out is another one.
      const linted = lintProfiles(set).some((finding) => finding.profile === name);
      const withKeys = [...set.profiles.values()].filter((p) => p.kind === 'static').map((p) => p.name);
      return none(
        `No credentials in this terminal: ${error.message}`,
        linted
          ? `See the findings about profile ${name}.`
          : withKeys.length > 0
            ? `Set AWS_PROFILE to a profile that has them (${withKeys.slice(0, 3).join(', ')}${withKeys.length > 3 ? ', …' : ''}), or give profile ${name} credentials.`
            : `Give profile ${name} credentials: keys in your credentials file (aws configure), role_arn with a source_profile, sso or credential_process.`,
      );
    }
    throw error;
  }
}

function identityRefused(error: unknown, label: string, env: NodeJS.ProcessEnv): DoctorFinding {
  const described = describeAwsError(error, { doing: 'find out who you are (GetCallerIdentity)' });
  const exported = label.startsWith('the exported');
  if (described.kind === 'expired' && exported && env.AWS_SESSION_TOKEN)
    return {
      severity: 'error',
      check: 'terminal',
      message: `The exported AWS_SESSION_TOKEN is stale: ${described.message}`,
      fix: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN, then get a new session (eval "$(rolecall env PROFILE)").',
    };
  return {
    severity: 'error',
    check: 'identity',
    message: `AWS did not say who ${label} is: ${described.message}`,
  };
}

/** The checks that need to know who the caller is, named as not made. */
function notCheckedWithoutIdentity(clockChecked: boolean): DoctorFinding {
  const checks = [
    // A refusal carries AWS's Date too, so the clock is checked whenever any answer came.
    ...(clockChecked ? [] : ["this machine's clock against AWS's (no answer came to read it from)"]),
    'your MFA devices',
    'the age of your access keys',
    'whether your policies allow sts:AssumeRole',
  ];
  return {
    severity: 'warning',
    check: 'identity',
    message: `Not checked, because AWS did not say who this terminal is: ${listed(checks)}.`,
    fix: 'Fix what stops AWS from saying who you are (above), then check again: these are checked then.',
  };
}

function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

type Read<T> = { value: T } | { why: string; finding: (check: string) => DoctorFinding };

/** One IAM read; a refusal is "could not be checked" (info), anything else a warning in words. */
async function read<T>(call: () => Promise<T>, doing: string): Promise<Read<T>> {
  try {
    return { value: await call() };
  } catch (error) {
    const described = describeAwsError(error, { doing });
    const refused = described.kind === 'denied' || described.kind === 'denied-by-identity';
    return {
      why: described.message,
      // describeAwsError's message already says what could not be done.
      finding: (check) => ({ severity: refused ? 'info' : 'warning', check, message: described.message }),
    };
  }
}

/** The roles the user's keys assume directly (first hop from one of its key profiles). */
function rolesAssumedWith(set: ProfileSet, keyProfiles: ReadonlySet<string>): string[] {
  const roles = new Set<string>();
  for (const profile of set.profiles.values()) {
    if (profile.kind !== 'assume-role') continue;
    const chain = resolveChain(set, profile.name);
    if (chain.base?.kind === 'static' && keyProfiles.has(chain.base.profile) && chain.hops.length === 1)
      roles.add(chain.hops[0]?.roleArn ?? '');
  }
  roles.delete('');
  return [...roles];
}
