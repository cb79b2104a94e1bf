// What a bare [NAME] in the config file is. The JS SDK reads only [default], [profile NAME],
// [sso-session NAME] and [services NAME] there and drops the rest; botocore keeps every other
// section as configuration that is no profile (configloader.build_profile_map: "[preview] …
// This is *not* a profile"), and the AWS CLI reads two of them itself: [plugins] (plugin
// modules, and cli_legacy_plugin_path since CLI v2: the v2 migration guide, "Plugin support")
// and [preview] (`aws configure set preview.cloudfront true`). Other tools keep sections of
// their own there too. So a bare section is a profile written without its word only when every
// setting in it is one a profile has.
import type { IniSetting } from './ini';

/** Sections of the config file the AWS CLI reads itself: never profiles. */
export const CLI_SECTIONS: ReadonlySet<string> = new Set(['plugins', 'preview']);

/**
 * The settings of a profile in the config file: the AWS SDKs and Tools reference guide's
 * settings, and the AWS CLI's own (cli_*, "Supported config file settings").
 */
const PROFILE_SETTINGS: ReadonlySet<string> = new Set([
  'account_id_endpoint_mode',
  'api_versions',
  'auth_scheme_preference',
  'aws_access_key_id',
  'aws_account_id',
  'aws_secret_access_key',
  'aws_session_token',
  'ca_bundle',
  'cli_auto_prompt',
  'cli_binary_format',
  'cli_follow_urlparam',
  'cli_history',
  'cli_pager',
  'cli_timestamp_format',
  'credential_process',
  'credential_source',
  'defaults_mode',
  'disable_request_compression',
  'duration_seconds',
  'ec2_metadata_service_endpoint',
  'ec2_metadata_service_endpoint_mode',
  'ec2_metadata_v1_disabled',
  'endpoint_discovery_enabled',
  'endpoint_url',
  'external_id',
  'ignore_configured_endpoint_urls',
  'max_attempts',
  'metadata_service_num_attempts',
  'metadata_service_timeout',
  'mfa_serial',
  'output',
  'parameter_validation',
  'region',
  'request_checksum_calculation',
  'request_min_compression_size_bytes',
  'response_checksum_validation',
  'retry_mode',
  'role_arn',
  'role_session_name',
  's3_disable_multiregion_access_points',
  's3_use_arn_region',
  'sdk_ua_app_id',
  'services',
  'sigv4a_signing_region_set',
  'source_profile',
  'sso_account_id',
  'sso_region',
  'sso_registration_scopes',
  'sso_role_name',
  'sso_session',
  'sso_start_url',
  'sts_regional_endpoints',
  'tcp_keepalive',
  'use_dualstack_endpoint',
  'use_fips_endpoint',
  'web_identity_token_file',
]);

/** Settings a profile nests under a key with an empty value ("s3 =" then indented lines). */
const NESTING_SETTINGS: ReadonlySet<string> = new Set(['s3', 'api_versions']);

function isProfileSetting(key: string): boolean {
  const dot = key.indexOf('.');
  return dot === -1 ? PROFILE_SETTINGS.has(key) : NESTING_SETTINGS.has(key.slice(0, dot));
}

export type BareSection =
  /** The AWS CLI's own section: left alone, said nothing of. */
  | { kind: 'cli' }
  /** Every setting is a profile's: a profile that lost its word "profile". */
  | { kind: 'profile' }
  /** Some settings are a profile's, some are not (named): maybe a profile, not for certain. */
  | { kind: 'mixed'; others: string[] }
  /** No setting is a profile's (or none at all): another tool's section, or nothing to lose. */
  | { kind: 'other' };

/** What the bare section `name` (no "profile " before it) with these settings is. */
export function bareSection(name: string, settings: readonly IniSetting[]): BareSection {
  if (CLI_SECTIONS.has(name)) return { kind: 'cli' };
  if (!settings.some((s) => isProfileSetting(s.key))) return { kind: 'other' };
  const others = [...new Set(settings.map((s) => s.key).filter((key) => !isProfileSetting(key)))];
  return others.length ? { kind: 'mixed', others } : { kind: 'profile' };
}
