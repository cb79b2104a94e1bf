// Running a creation plan: its calls in order, each reported as it starts and ends; a failure
// stops the run and says what exists now; the undo removes exactly what was made, newest first
// (DeleteRolePolicy, DetachRolePolicy, DeleteRole: IAM deletes a role only once it holds no
// policies), and says what it could not remove. Every call is bounded by the client's timeouts;
// the signal stops a run between calls, never in the middle of one whose outcome would be unknown.
// A call whose outcome is unknown all the same (it timed out, its connection was reset, AWS
// answered 5xx, or a retried CreateRole met the role its own first attempt made) is counted as
// made, "may exist": IAM may have acted before the answer was lost, and the undo takes an
// already-gone entity as removed.
import type { IAMClient } from '@aws-sdk/client-iam';
import { type DescribedError, describeAwsError } from '../aws/errors';
import { type RoleChange, roleHoldsTrustPolicy, sendRoleChange, undoOf } from '../aws/role-changes';
import { type CreationPlan, changeSummary, type PlannedCall } from './creation-plan';

export type CallState = 'waiting' | 'running' | 'done' | 'failed' | 'not-run';

export interface CallProgress {
  summary: string;
  state: CallState;
  error?: DescribedError;
}

export interface CreationOutcome {
  /** created: every call ran; failed: one was refused; stopped: the signal stopped it between calls. */
  state: 'created' | 'failed' | 'stopped';
  calls: CallProgress[];
  /** The changes that took effect (or may have), in the order made: what an undo removes. */
  made: MadeChange[];
  /** What exists now, one line each ("the role Deployer", "ReadOnlyAccess attached to it"). */
  exists: string[];
  error?: DescribedError;
  roleArn: string;
}

/** A change made, or one whose call's outcome is unknown (mayExist): IAM may have made it. */
export type MadeChange = RoleChange & { mayExist?: true };

export interface UndoOutcome {
  state: 'undone' | 'partly' | 'stopped';
  calls: CallProgress[];
  /** What is still there, one line each, with why it could not be removed. */
  left: string[];
}

export interface RunOptions {
  onProgress?: (calls: readonly CallProgress[]) => void;
  signal?: AbortSignal;
}

export async function runCreation(
  iam: IAMClient,
  plan: CreationPlan,
  options: RunOptions = {},
): Promise<CreationOutcome> {
  const calls: CallProgress[] = plan.calls.map((c) => ({ summary: c.summary, state: 'waiting' }));
  const made: MadeChange[] = [];
  let roleArn = plan.roleArn;
  const finish = (state: CreationOutcome['state'], error?: DescribedError): CreationOutcome => {
    for (const call of calls) if (call.state === 'waiting') call.state = 'not-run';
    options.onProgress?.(calls.map((c) => ({ ...c })));
    return { state, calls, made, exists: made.map(existsLine), ...(error ? { error } : {}), roleArn };
  };
  for (const [index, planned] of plan.calls.entries()) {
    if (options.signal?.aborted) return finish('stopped');
    const call = calls[index] as CallProgress;
    call.state = 'running';
    options.onProgress?.(calls.map((c) => ({ ...c })));
    try {
      const answer = await sendRoleChange(iam, planned.change);
      if (answer.roleArn) roleArn = answer.roleArn;
      made.push(planned.change);
      call.state = 'done';
    } catch (error) {
      call.state = 'failed';
      call.error = describeAwsError(error, { doing: doingOf(planned) });
      if (outcomeUnknown(planned.change, error, call.error)) made.push({ ...planned.change, mayExist: true });
      return finish('failed', call.error);
    }
  }
  return finish('created');
}

/** Removes what a run made, newest first; goes on past a refusal, so as little as possible is left. */
export async function undoCreation(
  iam: IAMClient,
  made: readonly MadeChange[],
  options: RunOptions = {},
): Promise<UndoOutcome> {
  const undos = [...made]
    .reverse()
    .map((change) => ({ change, undo: undoOf(change) }))
    .filter((u): u is { change: MadeChange; undo: RoleChange } => u.undo !== undefined);
  const calls: CallProgress[] = undos.map((u) => ({ summary: changeSummary(u.undo), state: 'waiting' }));
  const left: string[] = [];
  let stopped = false;
  for (const [index, { change, undo }] of undos.entries()) {
    const call = calls[index] as CallProgress;
    if (options.signal?.aborted) {
      stopped = true;
      call.state = 'not-run';
      left.push(`${existsLine(change)} (the undo was stopped before removing it)`);
      continue;
    }
    call.state = 'running';
    options.onProgress?.(calls.map((c) => ({ ...c })));
    try {
      // A role whose creation may not have happened may be another's of the same name (made
      // before, or meanwhile): it is deleted only if it holds the trust policy this run sent.
      if (change.action === 'CreateRole' && change.mayExist) {
        const ours = await roleHoldsTrustPolicy(iam, change.roleName, change.trustPolicy);
        if (ours === undefined) {
          call.state = 'done';
          continue;
        }
        if (!ours) {
          call.state = 'not-run';
          left.push(
            `a role named ${change.roleName}, which is not the one this run sent (its trust policy is another): it is left as it is`,
          );
          continue;
        }
      }
      await sendRoleChange(iam, undo);
      call.state = 'done';
    } catch (error) {
      // Already gone is what the undo wanted.
      if (isNoSuchEntity(error)) {
        call.state = 'done';
        continue;
      }
      call.state = 'failed';
      call.error = describeAwsError(error, { doing: changeSummary(undo) });
      left.push(`${existsLine(change)}: ${call.error.message}`);
    }
  }
  options.onProgress?.(calls.map((c) => ({ ...c })));
  return { state: stopped ? 'stopped' : left.length ? 'partly' : 'undone', calls, left };
}

function existsLine(change: MadeChange): string {
  const line = changeSummary(change);
  return change.mayExist ? `${line} (may exist: read the roles again)` : line;
}

/**
 * Whether IAM may have made the change though the call failed: the request may have reached IAM
 * before the answer was lost (a timeout, a reset, a proxy's error page, AWS's own 5xx: the SDK's
 * retries do not tell), or a retried CreateRole was refused for the role its own first attempt
 * made (EntityAlreadyExists on attempt 2 or later; on the first it is another's role of that name).
 */
function outcomeUnknown(change: RoleChange, error: unknown, described: DescribedError): boolean {
  if (['timed-out', 'connection-reset', 'server-error', 'not-aws'].includes(described.kind)) return true;
  const e = error as { name?: string; $metadata?: { attempts?: number } } | undefined;
  const alreadyExists = e?.name === 'EntityAlreadyExists' || e?.name === 'EntityAlreadyExistsException';
  return change.action === 'CreateRole' && alreadyExists && (e?.$metadata?.attempts ?? 1) > 1;
}

function doingOf(planned: PlannedCall): string {
  const { change } = planned;
  switch (change.action) {
    case 'CreateRole':
      return `create the role ${change.roleName}`;
    case 'AttachRolePolicy':
      return `attach ${change.policyArn}`;
    case 'PutRolePolicy':
      return `put the inline policy ${change.policyName}`;
    default:
      return planned.summary;
  }
}

function isNoSuchEntity(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'NoSuchEntity' || name === 'NoSuchEntityException';
}
