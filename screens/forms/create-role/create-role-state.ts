// The create-role page as a state machine: confirm → running → done | failed; failed → undoing
// → undone; failed → left (Esc: left as it is). Pure: the screen runs the calls and feeds their
// progress in as events.
import type { RoleChange } from '../../../src/aws/role-changes';
import type { CallProgress, CreationOutcome, UndoOutcome } from '../../../src/role-making/creation-run';

export type CreateRoleState =
  | { phase: 'confirm'; problem?: string }
  | { phase: 'running'; calls: readonly CallProgress[]; stopping: boolean }
  | { phase: 'done'; calls: readonly CallProgress[]; roleArn: string }
  | {
      phase: 'failed';
      calls: readonly CallProgress[];
      /** The AWS error in words; undefined when the run was stopped. */
      error?: string;
      exists: readonly string[];
      made: readonly RoleChange[];
    }
  | {
      phase: 'undoing';
      calls: readonly CallProgress[];
      undoCalls: readonly CallProgress[];
      exists: readonly string[];
      made: readonly RoleChange[];
    }
  | {
      phase: 'undone';
      calls: readonly CallProgress[];
      undoCalls: readonly CallProgress[];
      left: readonly string[];
    };

export type CreateRoleEvent =
  | { type: 'run'; calls: readonly CallProgress[] }
  | { type: 'progress'; calls: readonly CallProgress[] }
  | { type: 'stop' }
  | { type: 'finished'; outcome: CreationOutcome }
  | { type: 'could-not-start'; problem: string }
  | { type: 'undo' }
  | { type: 'undo-progress'; calls: readonly CallProgress[] }
  | { type: 'undo-finished'; outcome: UndoOutcome }
  | { type: 'undo-could-not-start'; problem: string };

export const initialCreateRoleState: CreateRoleState = { phase: 'confirm' };

export function createRoleReducer(state: CreateRoleState, event: CreateRoleEvent): CreateRoleState {
  switch (event.type) {
    case 'run':
      return state.phase === 'confirm' ? { phase: 'running', calls: event.calls, stopping: false } : state;
    case 'progress':
      return state.phase === 'running' ? { ...state, calls: event.calls } : state;
    case 'stop':
      return state.phase === 'running' ? { ...state, stopping: true } : state;
    case 'could-not-start':
      return state.phase === 'running' ? { phase: 'confirm', problem: event.problem } : state;
    case 'finished': {
      if (state.phase !== 'running') return state;
      const { outcome } = event;
      if (outcome.state === 'created')
        return { phase: 'done', calls: outcome.calls, roleArn: outcome.roleArn };
      return {
        phase: 'failed',
        calls: outcome.calls,
        ...(outcome.error ? { error: outcome.error.message } : {}),
        exists: outcome.exists,
        made: outcome.made,
      };
    }
    case 'undo':
      return state.phase === 'failed' && state.made.length
        ? { phase: 'undoing', calls: state.calls, undoCalls: [], exists: state.exists, made: state.made }
        : state;
    case 'undo-progress':
      return state.phase === 'undoing' ? { ...state, undoCalls: event.calls } : state;
    case 'undo-finished':
      return state.phase === 'undoing'
        ? { phase: 'undone', calls: state.calls, undoCalls: event.outcome.calls, left: event.outcome.left }
        : state;
    case 'undo-could-not-start':
      return state.phase === 'undoing'
        ? {
            phase: 'failed',
            calls: state.calls,
            error: event.problem,
            exists: state.exists,
            made: state.made,
          }
        : state;
  }
}
