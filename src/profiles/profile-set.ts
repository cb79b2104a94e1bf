// What reading the AWS files gives: the profiles, the files they came from, what the SDK's
// reading did that a person would not expect, and the keys. Read by load.ts; a type of its own so
// that what takes a ProfileSet (chains, lint, accounts) does not import the reading.
import type { FileFinding } from './file-findings';
import type { Profile } from './profile';

export interface ProfileFiles {
  configFile: string;
  credentialsFile: string;
}

export interface StaticKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface ProfileSet {
  files: ProfileFiles;
  profiles: ReadonlyMap<string, Profile>;
  /** AWS_PROFILE, else "default" (the JS SDK never reads AWS_DEFAULT_PROFILE). */
  selected: string;
  /**
   * What the SDK's reading of the files does that a person would not expect: broken headers,
   * sections it drops or merges, keys given twice, a file it cannot read as text.
   */
  fileFindings: FileFinding[];
  /** A file that exists but could not be read. */
  unreadable: Array<{ file: string; reason: string }>;
  /** The keys of a profile with static keys; read only when credentials are needed. */
  staticKeys(name: string): StaticKeys | undefined;
  /** What the SDK's clients would read from these files for their own settings (aws/client-config.ts). */
  clientKeys: ClientKeys;
  /** A profile's IAM Identity Center keys (sso_session, sso_start_url, sso_region, sso_account_id, sso_role_name). */
  ssoKeys(name: string): Readonly<Record<string, string>> | undefined;
  /** The config file's [sso-session x] sections, by name; none when the SDK read the file as empty. */
  ssoSessions: ReadonlyMap<string, Readonly<Record<string, string>>>;
}

/**
 * The keys an SDK client reads from the files for its own settings (endpoint, FIPS, app ID…):
 * those of the selected profile (AWS_PROFILE, else default), never the profile being assumed,
 * merged as the SDK's fromSharedConfigFiles merges them, the config file's winning each key
 * (the other way round from credentials); and the config file's [services x] sections.
 */
export interface ClientKeys {
  selected: Readonly<Record<string, string>>;
  services: ReadonlyMap<string, Readonly<Record<string, string>>>;
}
