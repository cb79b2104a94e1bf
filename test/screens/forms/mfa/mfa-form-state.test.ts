// The MFA form's state machine against the core's prompt: digits kept for the ask they were
// typed for, an empty form for each new ask, the device picked among several, and a code sent
// only when whole and only while the prompt asks.
import { describe, expect, it } from 'vitest';
import {
  type MfaForm,
  mfaAnswer,
  mfaDevice,
  mfaForm,
  reduceMfaForm,
} from '../../../../screens/forms/mfa/mfa-form-state';
import type { MfaPromptState } from '../../../../src/mfa/mfa-prompt';

const alice = 'arn:aws:iam::111111111111:mfa/alice';
const spare = 'arn:aws:iam::111111111111:mfa/alice-spare';
const asking = (
  attempt: number,
  problem?: string,
  phase: 'asking' | 'checking' = 'asking',
): MfaPromptState => ({
  phase,
  attempt,
  request: {
    serials: [alice, spare],
    why: 'to assume arn:aws:iam::333333333333:role/Admin',
    ...(problem ? { problem } : {}),
  },
});

function typed(prompt: MfaPromptState, code: string, kept?: MfaForm): MfaForm {
  return reduceMfaForm(mfaForm(prompt, kept), { type: 'typed', code });
}

describe('the MFA form', () => {
  it('is empty for a new ask, and keeps what was typed for the same one', () => {
    const first = typed(asking(1), '12');
    expect(mfaForm(asking(1), first)).toMatchObject({ phase: 'asking', code: '12', attempt: 1 });
    // A refused code reads the same the second time: the attempt still empties the form.
    const refused = mfaForm(asking(2, 'AWS refused the MFA code.'), typed(asking(1), '000000'));
    expect(refused).toMatchObject({ code: '', device: 0, problem: 'AWS refused the MFA code.' });
  });

  it('is nothing when no code is asked for', () => {
    expect(mfaForm({ phase: 'idle' }, typed(asking(1), '12'))).toEqual({ phase: 'idle' });
    expect(mfaDevice({ phase: 'idle' })).toBe('');
    expect(mfaAnswer({ phase: 'idle' })).toBeUndefined();
  });

  it('sends the code for the device picked, once the sixth digit is in', () => {
    const spareForm = reduceMfaForm(mfaForm(asking(1), undefined), { type: 'device', by: 1 });
    expect(mfaDevice(spareForm)).toBe(spare);
    // No further than the last device.
    expect(mfaDevice(reduceMfaForm(spareForm, { type: 'device', by: 1 }))).toBe(spare);
    expect(mfaAnswer(typed(asking(1), '12345', spareForm))).toBeUndefined();
    expect(mfaAnswer(typed(asking(1), '123456', spareForm))).toEqual({ serial: spare, code: '123456' });
  });

  it('takes no keys and sends nothing while AWS checks a code', () => {
    const sent = typed(asking(1), '123456');
    const checking = mfaForm(asking(1, undefined, 'checking'), sent);
    expect(checking).toMatchObject({ phase: 'checking', code: '123456' });
    expect(mfaAnswer(checking)).toBeUndefined();
    expect(reduceMfaForm(checking, { type: 'typed', code: '1' })).toBe(checking);
    expect(reduceMfaForm(checking, { type: 'device', by: 1 })).toBe(checking);
  });
});
