// The create-role page's state machine alone: confirm → running → done | failed → undoing →
// undone, and the events that do not apply in a phase leaving it as it is.
import { describe, expect, it } from 'vitest';
import {
  type CreateRoleEvent,
  type CreateRoleState,
  createRoleReducer,
  initialCreateRoleState,
} from '../../../../screens/forms/create-role/create-role-state';
import type { RoleChange } from '../../../../src/aws/role-changes';
import type { CallProgress } from '../../../../src/role-making/creation-run';

const call = (summary: string, state: CallProgress['state']): CallProgress => ({ summary, state });
const CREATE: RoleChange = { action: 'CreateRole', roleName: 'R', trustPolicy: '{}' };
const run = (events: CreateRoleEvent[], from: CreateRoleState = initialCreateRoleState) =>
  events.reduce(createRoleReducer, from);

describe('the create-role state machine', () => {
  it('runs, takes progress, and ends created', () => {
    const state = run([
      { type: 'run', calls: [call('CreateRole R', 'waiting')] },
      { type: 'progress', calls: [call('CreateRole R', 'running')] },
    ]);
    expect(state).toEqual({ phase: 'running', calls: [call('CreateRole R', 'running')], stopping: false });
    expect(
      createRoleReducer(state, {
        type: 'finished',
        outcome: {
          state: 'created',
          calls: [call('CreateRole R', 'done')],
          made: [CREATE],
          exists: ['the role R'],
          roleArn: 'arn:aws:iam::1:role/R',
        },
      }),
    ).toEqual({ phase: 'done', calls: [call('CreateRole R', 'done')], roleArn: 'arn:aws:iam::1:role/R' });
  });

  it('on a failure keeps what exists, undoes it, and ends undone with what is left', () => {
    const failed = run([
      { type: 'run', calls: [] },
      {
        type: 'finished',
        outcome: {
          state: 'failed',
          calls: [call('CreateRole R', 'done'), call('AttachRolePolicy P', 'failed')],
          made: [CREATE],
          exists: ['the role R'],
          error: { kind: 'not-found', message: 'Could not attach P: no such policy.' },
          roleArn: 'arn:aws:iam::1:role/R',
        },
      },
    ]);
    expect(failed).toMatchObject({
      phase: 'failed',
      error: 'Could not attach P: no such policy.',
      exists: ['the role R'],
    });
    const undoing = run(
      [{ type: 'undo' }, { type: 'undo-progress', calls: [call('DeleteRole R', 'running')] }],
      failed,
    );
    expect(undoing).toMatchObject({ phase: 'undoing', undoCalls: [call('DeleteRole R', 'running')] });
    expect(
      createRoleReducer(undoing, {
        type: 'undo-finished',
        outcome: { state: 'undone', calls: [call('DeleteRole R', 'done')], left: [] },
      }),
    ).toMatchObject({ phase: 'undone', left: [] });
    // An undo that could not start goes back to the failure, with why.
    expect(
      createRoleReducer(undoing, { type: 'undo-could-not-start', problem: 'Nobody may.' }),
    ).toMatchObject({
      phase: 'failed',
      error: 'Nobody may.',
      made: [CREATE],
    });
  });

  it('a run that could not start is back at the confirmation, saying why; stray events change nothing', () => {
    expect(
      run([
        { type: 'run', calls: [] },
        { type: 'could-not-start', problem: 'Nobody here may call IAM.' },
      ]),
    ).toEqual({
      phase: 'confirm',
      problem: 'Nobody here may call IAM.',
    });
    expect(run([{ type: 'undo' }, { type: 'progress', calls: [] }, { type: 'stop' }])).toEqual(
      initialCreateRoleState,
    );
    // Nothing made: nothing to undo.
    const stopped = run([
      { type: 'run', calls: [] },
      { type: 'stop' },
      { type: 'finished', outcome: { state: 'stopped', calls: [], made: [], exists: [], roleArn: 'a' } },
    ]);
    expect(stopped).toMatchObject({ phase: 'failed', made: [] });
    expect(createRoleReducer(stopped, { type: 'undo' })).toBe(stopped);
  });
});
