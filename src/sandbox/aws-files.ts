// The AWS config and credentials files for a running sandbox, in a private temporary directory,
// ready for rolecall and for the aws CLI. The user's own ~/.aws is never touched.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SSO_REGION, SSO_START_URL } from './identity-center';
import type { IssuedCredentials } from './model';
import { DEV, IDENTITY, PROD, type SeededWorld, VENDOR } from './seed';

export interface SandboxAwsFiles {
  dir: string;
  configFile: string;
  credentialsFile: string;
  remove(): void;
}

const ALICE_MFA = `arn:aws:iam::${IDENTITY}:mfa/alice`;
const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;

/** Role profiles: one per way an assume goes, including ones chained from another role. */
const ROLE_PROFILES: Record<string, Record<string, string>> = {
  'dev-developer': { role_arn: role(DEV, 'Developer'), source_profile: 'alice' },
  'dev-admin': { role_arn: role(DEV, 'Admin'), source_profile: 'alice', mfa_serial: ALICE_MFA },
  'dev-deployer': {
    role_arn: role(DEV, 'Deployer'),
    source_profile: 'ci-bot',
    external_id: 'dev-deploy-1b2c',
  },
  'dev-readonly-via-developer': { role_arn: role(DEV, 'ReadOnly'), source_profile: 'dev-developer' },
  'prod-readonly': { role_arn: role(PROD, 'ReadOnly'), source_profile: 'alice', mfa_serial: ALICE_MFA },
  'prod-admin': { role_arn: role(PROD, 'Admin'), source_profile: 'alice', mfa_serial: ALICE_MFA },
  'prod-breakglass': { role_arn: role(PROD, 'BreakGlass'), source_profile: 'alice', mfa_serial: ALICE_MFA },
  'prod-vendor-audit': {
    role_arn: role(PROD, 'VendorAudit'),
    source_profile: 'auditor',
    external_id: 'vendor-audit-7f3a',
  },
  // A second profile for a role that has one already, whose way in the trust policy refuses.
  'dev-admin-via-developer': { role_arn: role(DEV, 'Admin'), source_profile: 'dev-developer' },
  // The trust policy asks for session names like ci-*: the profile's role_session_name meets it.
  'vendor-reporter': {
    role_arn: role(VENDOR, 'Reporter'),
    source_profile: 'ci-bot',
    role_session_name: 'ci-report',
  },
};

export function writeSandboxAwsFiles(
  seeded: SeededWorld,
  endpoint: string,
  region = 'us-east-1',
): SandboxAwsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'rolecall-sandbox-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  // endpoint_url is read by the JS SDK (and newer CLIs); older CLIs need --endpoint-url.
  const common = { region, endpoint_url: endpoint };
  if (seeded.keys.lead) {
    writeNewcomerFiles(seeded.keys.alice, seeded.keys.lead, common, configFile, credentialsFile);
    return { dir, configFile, credentialsFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const sections = [
    section('default', common),
    ...Object.keys(seeded.keys).map((name) => section(`profile ${name}`, common)),
    ...Object.entries(ROLE_PROFILES).map(([name, keys]) =>
      section(`profile ${name}`, { ...keys, ...common }),
    ),
    ...(seeded.identityCenter ? identityCenterSections(common) : []),
  ];
  // The default profile is alice, so the SDKs (and rolecall's header) have someone to be.
  const credentials = Object.entries({ default: seeded.keys.alice, ...seeded.keys }).map(([name, keys]) =>
    section(name, { aws_access_key_id: keys.accessKeyId, aws_secret_access_key: keys.secretAccessKey }),
  );
  // Sandbox keys open nothing but this loopback sandbox, and only while it runs; still, 0600.
  writeFileSync(configFile, `${sections.join('\n')}`, { mode: 0o600 });
  writeFileSync(credentialsFile, `${credentials.join('\n')}`, { mode: 0o600 });
  return { dir, configFile, credentialsFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The walkthrough's files: alice's own keys and nothing else of hers, as on a newcomer's first
 * day, and the admins she would ask at work, whom the sandbox lets her play.
 */
function writeNewcomerFiles(
  alice: IssuedCredentials,
  lead: IssuedCredentials,
  common: Record<string, string>,
  configFile: string,
  credentialsFile: string,
): void {
  const config = [
    `# The sandbox's newcomer: you are alice, a user in the identity account (${IDENTITY}).`,
    '# You have your own keys and no profile for any other account yet.',
    section('default', common),
    section('profile alice', common),
    '# Stand-ins for the administrators you would ask at work; in the sandbox you may act as them.',
    '# lead administers the identity account, and prod through OrganizationAccountAccessRole.',
    section('profile lead', common),
    section('profile lead-prod', {
      role_arn: role(PROD, 'OrganizationAccountAccessRole'),
      source_profile: 'lead',
      ...common,
    }),
  ];
  const keys = (k: IssuedCredentials) => ({
    aws_access_key_id: k.accessKeyId,
    aws_secret_access_key: k.secretAccessKey,
  });
  const credentials = [
    section('default', keys(alice)),
    section('alice', keys(alice)),
    section('lead', keys(lead)),
  ];
  writeFileSync(configFile, config.join('\n'), { mode: 0o600 });
  writeFileSync(credentialsFile, credentials.join('\n'), { mode: 0o600 });
}

function section(name: string, keys: Record<string, string>): string {
  return `[${name}]\n${Object.entries(keys)
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n')}\n`;
}

/**
 * The organisation's IAM Identity Center, as a person's config names it: an [sso-session] with
 * the portal's start URL, and a profile for each of alice's permission sets that rolecall's
 * examples use. `rolecall sso login dev-sso` logs in (the page it prints approves as alice).
 */
function identityCenterSections(common: Record<string, string>): string[] {
  return [
    section(`sso-session ${SSO_SESSION}`, {
      sso_start_url: SSO_START_URL,
      sso_region: SSO_REGION,
      sso_registration_scopes: 'sso:account:access',
    }),
    section('profile dev-sso', {
      sso_session: SSO_SESSION,
      sso_account_id: DEV,
      sso_role_name: 'DeveloperAccess',
      ...common,
    }),
    section('profile prod-sso-readonly', {
      sso_session: SSO_SESSION,
      sso_account_id: PROD,
      sso_role_name: 'ReadOnlyAccess',
      ...common,
    }),
  ];
}

/** The [sso-session] name the sandbox's config gives its Identity Center. */
export const SSO_SESSION = 'rolecall-sandbox';
