// How a session made from a profile gets its next credentials: the profile's provider chain run
// again, sharing the live MFA sessions so a code is asked for only once its session has ended.
import { type ProfileProviderOptions, providerForProfile } from '../credentials/from-profile';
import type { ProfileSet } from '../profiles/profile-set';
import type { Renew } from './store';

export function renewFromProfile(set: ProfileSet, profile: string, options: ProfileProviderOptions): Renew {
  // A new chain each time: its providers hold the credentials being replaced.
  return () => providerForProfile(set, profile, options).provider.retrieve();
}
