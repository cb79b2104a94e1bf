// The trusted side's steps as a pure state machine: choose where the identity policy goes,
// confirm the call (shown with who makes it), see it run and its result (undo once), then the
// config profile: its diff, confirm to write, the result. Each step can be skipped. The screen
// runs the calls the states ask for and tells the machine what came of them.
import type { WriteResult } from '../../../src/aws-files/file-edit';
import type { GrantTarget, TrustedAccountTargets } from '../../../src/trusted-side/targets';
import type { GrantOutcome, ProfileProposal } from '../../../src/trusted-side/trusted-side';

export type TrustedSideState =
  | { step: 'loading' }
  | { step: 'choose'; targets: GrantTarget[]; notes: string[]; cursor: number }
  | { step: 'confirm'; targets: GrantTarget[]; notes: string[]; cursor: number; writers: string[] }
  | { step: 'attaching'; targets: GrantTarget[]; cursor: number }
  | { step: 'attached'; targets: GrantTarget[]; cursor: number; outcome: GrantOutcome; undone?: boolean }
  | { step: 'profile'; source?: GrantTarget; proposal?: ProfileProposal; problem?: string }
  | { step: 'writing'; proposal: ProfileProposal }
  | { step: 'written'; proposal: ProfileProposal; result: WriteResult }
  | { step: 'finished' };

export type TrustedSideEvent =
  | { type: 'targets'; accounts: TrustedAccountTargets[] }
  /** The trust admits no AWS principal: nothing to attach, no profile to write. */
  | { type: 'nothing' }
  | { type: 'move'; by: number }
  | { type: 'writers'; writers: string[] }
  | { type: 'confirm' }
  | { type: 'cancel' }
  | { type: 'attached'; outcome: GrantOutcome }
  | { type: 'undone' }
  | { type: 'skip' }
  | { type: 'proposal'; result: { ok: true; proposal: ProfileProposal } | { ok: false; message: string } }
  | { type: 'write' }
  | { type: 'written'; result: WriteResult };

export const initialTrustedSide: TrustedSideState = { step: 'loading' };

export function reduceTrustedSide(state: TrustedSideState, event: TrustedSideEvent): TrustedSideState {
  switch (event.type) {
    case 'targets': {
      if (state.step !== 'loading') return state;
      const targets = event.accounts.flatMap((a) => a.targets);
      const notes = event.accounts.flatMap((a) => a.notes);
      return targets.length ? { step: 'choose', targets, notes, cursor: 0 } : toProfile(undefined, notes);
    }
    case 'nothing':
      return state.step === 'loading' ? { step: 'finished' } : state;
    case 'move':
      if (state.step !== 'choose') return state;
      return { ...state, cursor: clamp(state.cursor + event.by, state.targets.length) };
    case 'writers':
      // Enter on a place: the confirmation names who would make the call.
      if (state.step !== 'choose') return state;
      return { ...state, step: 'confirm', writers: event.writers };
    case 'confirm':
      if (state.step !== 'confirm') return state;
      return { step: 'attaching', targets: state.targets, cursor: state.cursor };
    case 'cancel':
      if (state.step !== 'confirm') return state;
      return { step: 'choose', targets: state.targets, notes: state.notes, cursor: state.cursor };
    case 'attached':
      if (state.step !== 'attaching') return state;
      return { ...state, step: 'attached', outcome: event.outcome };
    case 'undone':
      if (state.step !== 'attached' || !state.outcome.ok) return state;
      return { ...state, undone: true };
    case 'skip':
      if (state.step === 'choose' || state.step === 'confirm' || state.step === 'attached') {
        return toProfile(state.targets[state.cursor], [], state.targets);
      }
      if (state.step === 'profile' || state.step === 'written') return { step: 'finished' };
      return state;
    case 'proposal':
      if (state.step !== 'profile') return state;
      return event.result.ok
        ? { ...state, proposal: event.result.proposal }
        : { ...state, problem: event.result.message };
    case 'write':
      if (state.step !== 'profile' || !state.proposal) return state;
      return { step: 'writing', proposal: state.proposal };
    case 'written':
      if (state.step !== 'writing') return state;
      return { step: 'written', proposal: state.proposal, result: event.result };
  }
}

/**
 * The profile step, for the place chosen: its own profiles are the source (the identity the
 * trust admits); a place none of yours reaches (a group, a role) falls back to one that does.
 */
function toProfile(
  chosen: GrantTarget | undefined,
  notes: string[],
  all: GrantTarget[] = [],
): TrustedSideState {
  const source = chosen?.profiles.length ? chosen : all.find((t) => t.profiles.length > 0);
  if (!source) {
    return {
      step: 'profile',
      problem: [
        'None of your profiles is an identity the trust admits: there is no config profile to write.',
        ...notes,
      ].join(' '),
    };
  }
  return { step: 'profile', source };
}

function clamp(n: number, length: number): number {
  return Math.max(0, Math.min(length - 1, n));
}

/** The place the cursor is on, in the steps that have one. */
export function chosenTarget(state: TrustedSideState): GrantTarget | undefined {
  return 'targets' in state && 'cursor' in state ? state.targets[state.cursor] : undefined;
}
