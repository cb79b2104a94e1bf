// Profiles grouped into AWS accounts, as the accounts screen lists them: the ID from role_arn, or
// an SSO profile's sso_account_id, or, for a profile with keys, from GetCallerIdentity (asked once
// per profile); with them the accounts IAM Identity Center's portal lists for each login, under
// the organisation's names for them; the alias when it can be read; the label and colour the
// person saved.
import { ROLE_ARN } from '../aws-shapes/arn';
import type { ProfileSet } from '../profiles/profile-set';
import { timeSlices } from '../profiles/time-slices';
import type { AccountLabel } from '../settings/schema';
import type { PortalAccount } from '../sso/sso-portal';

export interface AccountEntry {
  id: string;
  alias?: string;
  label?: string;
  colour?: AccountLabel['colour'];
  /** Role profiles whose role lives in this account. */
  roleProfiles: string[];
  /** Key (and other non-role) profiles whose identity lives in this account. */
  identityProfiles: string[];
  /** The account's name in the organisation, as IAM Identity Center's portal lists it. */
  portalName?: string;
  /** The IAM Identity Center logins (sso_session names, or start URLs) whose portal lists it. */
  ssoLogins?: string[];
}

/** The accounts one IAM Identity Center login's portal lists. */
export interface PortalListing {
  login: string;
  accounts: readonly PortalAccount[];
}

export interface AccountLookups {
  /** The account of a profile's own credentials (GetCallerIdentity); undefined when unknown. */
  accountOf(profile: string): Promise<string | undefined>;
  /** The account's alias, if the profile may read it. */
  aliasOf?(profile: string): Promise<string | undefined>;
}

export async function groupAccounts(
  set: ProfileSet,
  lookups: AccountLookups,
  labels: Readonly<Record<string, AccountLabel>>,
  /** Told how many profiles' accounts are known (or could not be), of how many are asked. */
  onPlaced?: (done: number, total: number) => void,
  /** The portals' accounts, awaited once the profiles' own are placed. */
  portal: readonly PortalListing[] | Promise<readonly PortalListing[]> = [],
): Promise<{ accounts: AccountEntry[]; unplaced: string[]; lookupErrors: Map<string, unknown> }> {
  const byId = new Map<string, AccountEntry>();
  const unplaced: string[] = [];
  /** Why a key profile's account could not be learnt, where its lookup failed (not merely empty). */
  const lookupErrors = new Map<string, unknown>();
  const entry = (id: string) => {
    let found = byId.get(id);
    if (!found) {
      found = { id, roleProfiles: [], identityProfiles: [], ...labels[id] };
      byId.set(id, found);
    }
    return found;
  };
  const keyProfiles: string[] = [];
  const slices = timeSlices();
  let seen = 0;
  for (const profile of set.profiles.values()) {
    if (++seen % 256 === 0) await slices.pause();
    const fromArn = profile.roleArn && ROLE_ARN.exec(profile.roleArn)?.[2];
    // An IAM Identity Center profile names its account (sso_account_id): no call, and no login, to place it.
    const ssoAccount = profile.kind === 'sso' ? set.ssoKeys(profile.name)?.sso_account_id : undefined;
    if (fromArn) {
      entry(fromArn).roleProfiles.push(profile.name);
    } else if (ssoAccount && /^\d{12}$/.test(ssoAccount)) {
      entry(ssoAccount).identityProfiles.push(profile.name);
    } else if (profile.kind === 'static' || profile.kind === 'credential-process' || profile.kind === 'sso') {
      keyProfiles.push(profile.name);
    }
  }
  // Asked once every profile is sorted, so the count told has its whole from the start.
  let placed = 0;
  if (keyProfiles.length > 0) onPlaced?.(0, keyProfiles.length);
  const identityLookups = keyProfiles.map((name) =>
    lookups
      .accountOf(name)
      .then(
        (id) => {
          if (id) entry(id).identityProfiles.push(name);
          else unplaced.push(name);
        },
        (error: unknown) => {
          unplaced.push(name);
          lookupErrors.set(name, error);
        },
      )
      .finally(() => onPlaced?.(++placed, keyProfiles.length)),
  );
  await Promise.all(identityLookups);
  for (const listing of await portal) {
    for (const account of listing.accounts) {
      if (!/^\d{12}$/.test(account.id)) continue;
      const found = entry(account.id);
      if (account.name) found.portalName ??= account.name;
      found.ssoLogins = [...(found.ssoLogins ?? []), listing.login];
    }
  }
  if (lookups.aliasOf) {
    await Promise.all(
      [...byId.values()].map(async (account) => {
        const reader = account.identityProfiles[0] ?? account.roleProfiles[0];
        const alias = reader ? await lookups.aliasOf?.(reader).catch(() => undefined) : undefined;
        if (alias) account.alias = alias;
      }),
    );
  }
  const accounts = [...byId.values()].sort((a, b) => accountName(a).localeCompare(accountName(b)));
  for (const account of accounts) {
    account.roleProfiles.sort();
    account.identityProfiles.sort();
  }
  return { accounts, unplaced: unplaced.sort(), lookupErrors };
}

/** What an account is called: the person's label, else the organisation's name, else its alias, else its ID. */
export function accountName(account: Pick<AccountEntry, 'id' | 'label' | 'alias' | 'portalName'>): string {
  return account.label ?? account.portalName ?? account.alias ?? account.id;
}
