// The settings an STS or IAM client would otherwise find out for itself, each by parsing the
// whole of ~/.aws/config again (@smithy/core loadConfig: environment variable, then the selected
// profile's key, then a default; a file of 44,059 profiles took 4.2 s a call that way), resolved
// here once from the environment and the profiles rolecall has already read, and handed to the
// client explicitly. Each follows the SDK's own selector (@smithy/core 3.41, @aws-sdk/core 3.981;
// named at each), including what it does with a value it cannot use: it skips to the next source
// in silence (chain() goes on after a CredentialsProviderError), so this does too.
import type { ClientKeys } from '../profiles/profile-set';
import type { AwsService } from './call-facts';

/** The client options that stop an SDK client from reading the AWS files. */
export interface ClientConfig {
  /** Absent: the SDK's endpoint rules (https://sts.REGION.amazonaws.com…). */
  endpoint?: string;
  /** Set when there is no endpoint: the SDK need not look for a configured one. */
  ignoreConfiguredEndpointUrls: boolean;
  useFipsEndpoint: boolean;
  useDualstackEndpoint: boolean;
  /** Providers, as a client takes an undefined value to mean "read the files". */
  userAgentAppId: () => Promise<string | undefined>;
  authSchemePreference: string[];
  sigv4aSigningRegionSet: () => Promise<string[] | undefined>;
  disableClockSkewCorrection: boolean;
}

type Source = Readonly<Record<string, string | undefined>>;
/** One source's answer: a value, or undefined to try the next source. */
type Selector<T> = (source: Source) => T | undefined;

/**
 * The settings a client of `service` gets: from `env` (where the SDK would read process.env),
 * else the selected profile's keys, else the SDK's default.
 */
export function clientConfig(service: AwsService, env: NodeJS.ProcessEnv, keys: ClientKeys): ClientConfig {
  const profile = keys.selected;
  const pick = <T>(fromEnv: Selector<T>, fromProfile: Selector<T>, fallback: T): T =>
    fromEnv(env) ?? fromProfile(profile) ?? fallback;
  const flag = (envName: string, key: string) => pick(bool(envName), bool(key), false);

  // @smithy/core endpoints getEndpointFromConfig: "ignore" covers the variables too.
  const ignore = flag('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'ignore_configured_endpoint_urls');
  const endpoint = ignore ? undefined : configuredEndpoint(service, env, keys);
  const commaList = (name: string) => (source: Source) => {
    // @aws-sdk/core NODE_SIGV4A_CONFIG_OPTIONS: an empty value is no value.
    const value = source[name];
    return value ? value.split(',').map((part) => part.trim()) : undefined;
  };
  return {
    ...(endpoint ? { endpoint } : {}),
    ignoreConfiguredEndpointUrls: !endpoint,
    useFipsEndpoint: flag('AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint'),
    useDualstackEndpoint: flag('AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint'),
    // @aws-sdk/core NODE_APP_ID_CONFIG_OPTIONS: any value set, even empty; the old key too.
    userAgentAppId: provided(
      pick(
        (source) => source.AWS_SDK_UA_APP_ID,
        (source) => source.sdk_ua_app_id ?? source['sdk-ua-app-id'],
        undefined,
      ),
    ),
    // @aws-sdk/core NODE_AUTH_SCHEME_PREFERENCE_OPTIONS (no signing name is given to it here).
    authSchemePreference: pick(
      (source) => schemeList(source.AWS_AUTH_SCHEME_PREFERENCE),
      (source) => schemeList(source.auth_scheme_preference),
      [],
    ),
    sigv4aSigningRegionSet: provided(
      pick(commaList('AWS_SIGV4A_SIGNING_REGION_SET'), commaList('sigv4a_signing_region_set'), undefined),
    ),
    disableClockSkewCorrection: flag('AWS_DISABLE_CLOCK_SKEW_CORRECTION', 'disable_clock_skew_correction'),
  };
}

/**
 * @smithy/core endpoints getEndpointUrlConfig: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, then
 * the profile's [services x] section's `sts = / endpoint_url = …`, then its endpoint_url. A
 * `services` naming a section that is not there makes the SDK drop the config file's answer
 * whole (its selector throws), endpoint_url included.
 */
function configuredEndpoint(
  service: AwsService,
  env: NodeJS.ProcessEnv,
  keys: ClientKeys,
): string | undefined {
  // "SSO OIDC": AWS_ENDPOINT_URL_SSO_OIDC, and sso_oidc in a [services] section.
  const id = service.replaceAll(' ', '_');
  const fromEnv = env[`AWS_ENDPOINT_URL_${id.toUpperCase()}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  const profile = keys.selected;
  if (profile.services) {
    const section = keys.services.get(profile.services);
    if (!section) return undefined;
    const fromSection = section[`${id.toLowerCase()}.endpoint_url`];
    if (fromSection) return fromSection;
  }
  return profile.endpoint_url || undefined;
}

function provided<T>(value: T): () => Promise<T> {
  return async () => value;
}

/** @smithy/core booleanSelector: "true" or "false" exactly; anything else is skipped. */
function bool(name: string): Selector<boolean> {
  return (source) => (source[name] === 'true' ? true : source[name] === 'false' ? false : undefined);
}

/** @aws-sdk/core getArrayForCommaSeparatedString: present is a list, an empty value an empty one. */
function schemeList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.length > 0 ? value.split(',').map((part) => part.trim()) : [];
}
