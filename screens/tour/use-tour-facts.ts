// What the walkthrough's pages say of the person (their user, their accounts), read through the
// core: the identity the header shows, the accounts screen's list, the profiles. Until it is
// read, and for what cannot be, the pages speak in general words.
import { defaultIdentity } from '../../src/credentials/default-identity';
import { readTourFacts, type TourFacts } from '../../src/tour/tour-facts';
import { useAsync } from '../app/hooks/use-async';
import { useCore } from '../app/stores/core-context';

export function useTourFacts(): TourFacts {
  const core = useCore();
  const facts = useAsync(
    () =>
      readTourFacts({
        identity: () =>
          defaultIdentity(core.env, core.assuming.rules.defaultRegion(), core.clients, () =>
            core.profiles.read(),
          ),
        accounts: () => core.accounts.list(),
        profiles: () => core.profiles.read(),
        keyIdentity: core.keyIdentity,
        // On the sandbox, its own guided setup's: the role made there is the sandbox's.
        setup: () => core.settings.tourProgress()[core.inProcessSandbox ? 'sandboxSetup' : 'setup'],
      }),
    [core],
  );
  return facts.state === 'loaded' ? facts.value : {};
}
