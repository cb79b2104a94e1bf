// Credentials as small providers with one method each (the aws-vault shape): static keys, an MFA
// session on top of them, an assumed role on top of either. A profile's chain in ~/.aws/config
// becomes a chain of these objects.
import type { Clock } from '../clock';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface CredentialProvider {
  /** What these credentials are, for messages: "profile alice", "role arn:aws:iam::…:role/Admin". */
  readonly label: string;
  retrieve(): Promise<Credentials>;
}

/** Asks the person for an MFA code (the TUI shows a screen; the CLI asks on the terminal). */
export type AskMfaCode = (serial: string, why: string) => Promise<string>;

export function staticProvider(label: string, keys: Credentials): CredentialProvider {
  return { label, retrieve: async () => keys };
}

/** How long before their expiry credentials stop being used: a request made then may not finish in time. */
export const FRESH_MARGIN_MS = 60_000;

/** Credentials that expire within `marginMs` count as expired. */
export function isFresh(
  credentials: Credentials | undefined,
  clock: Clock,
  marginMs = FRESH_MARGIN_MS,
): credentials is Credentials {
  return (
    credentials !== undefined &&
    (credentials.expiration === undefined || credentials.expiration.getTime() - marginMs > clock.now())
  );
}
