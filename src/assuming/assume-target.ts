// What an assume runs: the row's own role profile with the form's choices laid over it, or, for
// a role IAM lists and no profile names, a profile made up for it: from the profile most of
// the account's role profiles start from, with an MFA device when the trust policy asks for one.
import type { AwsClients } from '../aws/clients';
import { staticProvider } from '../credentials/provider';
import type { MfaAnswer } from '../mfa/mfa-prompt';
import type { Profile } from '../profiles/profile';
import type { ProfileSet } from '../profiles/profile-set';
import type { RoleRow } from '../role-listing/role-rows';
import { sourceFor } from '../verdicts/callers';

export interface AssumeTarget {
  /** The profiles, with the one to assume among them. */
  set: ProfileSet;
  /** The profile to assume, and the session's id. */
  name: string;
  /** "profile alice": where the first credentials come from. */
  source: string;
}

export interface TargetChoices {
  sessionName: string;
  externalId?: string;
}

export interface TargetHelpers {
  /** The trust policy asks the caller for an MFA code. */
  needsMfa(): boolean;
  /** The device among these whose live MFA session the assume will go through, if any. */
  liveDevice(serials: readonly string[]): string | undefined;
  /** The person picks one of several MFA devices (with its code). */
  chooseDevice(serials: readonly string[]): Promise<MfaAnswer>;
  /** The account's name in session ids: its label, else its ID. */
  accountName: string;
  region(profile: string): string;
  clients: AwsClients;
}

export async function assumeTarget(
  set: ProfileSet,
  row: RoleRow,
  choices: TargetChoices,
  helpers: TargetHelpers,
): Promise<AssumeTarget> {
  const overrides = {
    roleSessionName: choices.sessionName,
    ...(choices.externalId ? { externalId: choices.externalId } : {}),
  };
  if (row.profile) {
    const profile: Profile = { ...row.profile, ...overrides };
    return {
      set: withProfile(set, profile),
      name: profile.name,
      source: `profile ${profile.sourceProfile ?? profile.name}`,
    };
  }
  const source = sourceFor(set, row.account);
  if (!source) {
    throw new Error(
      `No profile to assume ${row.name} from: add a role profile for it (role_arn and source_profile) to ${set.files.configFile}.`,
    );
  }
  let mfaSerial: string | undefined;
  if (helpers.needsMfa()) {
    const serials = await serialsOf(set, source, helpers.region(source), helpers.clients);
    // Several devices: the one with a live MFA session (no code), else the person picks one in
    // the form, with its code.
    mfaSerial =
      serials.length > 1
        ? (helpers.liveDevice(serials) ?? (await helpers.chooseDevice(serials)).serial)
        : serials[0];
  }
  const name = `${helpers.accountName}/${row.name}`;
  const profile: Profile = {
    name,
    kind: 'assume-role',
    roleArn: row.arn,
    sourceProfile: source,
    hasStaticKeys: false,
    hasSessionToken: false,
    definedIn: [],
    ...(mfaSerial ? { mfaSerial } : {}),
    ...overrides,
  };
  return { set: withProfile(set, profile), name, source: `profile ${source}` };
}

/** The MFA devices of a source: the serial its role profiles name, else the user's devices in IAM. */
async function serialsOf(
  set: ProfileSet,
  source: string,
  region: string,
  clients: AwsClients,
): Promise<string[]> {
  const named = [...set.profiles.values()]
    .filter((p) => p.sourceProfile === source && p.mfaSerial)
    .map((p) => p.mfaSerial as string);
  if (named.length) return [...new Set(named)];
  const keys = set.staticKeys(source);
  if (!keys) return [];
  const { mfaDevices, iamClientFor } = await import('../aws/iam-browse');
  const devices = await mfaDevices(
    iamClientFor(staticProvider(`profile ${source}`, keys), region, clients),
  ).catch(() => []);
  return devices.map((d) => d.serial);
}

function withProfile(set: ProfileSet, profile: Profile): ProfileSet {
  return {
    ...set,
    profiles: new Map([...set.profiles, [profile.name, profile]]),
    staticKeys: set.staticKeys,
  };
}
