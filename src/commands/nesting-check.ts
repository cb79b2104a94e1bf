// The nesting refusal (child-env.ts nestingRefusal) for the commands a running agent serves
// (`exec --live`, `rolecall shell`): checked before the agent is asked, so that no MFA code is
// spent and no client opened for what is refused, with the identity the direct path checks.

import { resolveChain } from '../profiles/chain';
import { loadProfiles } from '../profiles/load';
import { nestingRefusal, shellLevel } from '../shells/child-env';
import { CommandError } from './profile-session';

/** Throws the refusal when this is a rolecall shell of another identity than `profile`'s. */
export async function refuseNesting(env: NodeJS.ProcessEnv, profile: string, force: boolean): Promise<void> {
  // Outside a rolecall shell, or forced, nothing is refused: the AWS files need not be read.
  if (force || shellLevel(env) === 0) return;
  // The role the profile assumes, as profileSession's `before` is given it; a profile the files
  // do not hold is compared by its name (the agent then says it has no such profile).
  const roleArn = resolveChain(await loadProfiles({ env }), profile).hops[0]?.roleArn;
  const refusal = nestingRefusal(env, { profile, region: '', ...(roleArn ? { roleArn } : {}) }, force);
  if (refusal) throw new CommandError(refusal);
}
