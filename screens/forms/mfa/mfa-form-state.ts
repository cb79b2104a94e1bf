// The MFA form as a state machine: the digits typed, the device picked when there are several,
// and the ask they are for. The core's prompt (MfaPrompt) says what is asked and where it is
// (asking, or checking a code with AWS, with AWS's answer to the last one); each new ask (after
// a refused code, or another asker's) starts the form empty. Pure: the hook answers the prompt.
import { pickedOption, reduceChoice } from '../../../components/form/choice-state';
import type { MfaAnswer, MfaPromptState } from '../../../src/mfa/mfa-prompt';

/** AWS takes six digits (its tokenCodeType); the code goes as the sixth is typed. */
export const MFA_CODE_LENGTH = 6;

export type MfaForm =
  | { phase: 'idle' }
  | {
      /** Checking: a code is with AWS; nothing is typed until it answers. */
      phase: 'asking' | 'checking';
      /** The prompt's ask this form is for. */
      attempt: number;
      /** "to assume arn:aws:iam::…:role/Admin". */
      why: string;
      /** The devices the code may come from; the first is the profile's. */
      serials: readonly string[];
      /** AWS's answer to the last code, in words, when it refused it. */
      problem?: string;
      code: string;
      /** Index in `serials`. */
      device: number;
    };

export type MfaFormAction = { type: 'typed'; code: string } | { type: 'device'; by: number };

/**
 * The form for what the prompt asks now: the digits and device kept for this ask, or an empty
 * form for a new one. Derived as the ask is drawn, not reset after it, which would wipe digits
 * typed as the form appeared.
 */
export function mfaForm(prompt: MfaPromptState, kept: MfaForm | undefined): MfaForm {
  if (prompt.phase === 'idle') return { phase: 'idle' };
  const same = kept?.phase !== 'idle' && kept?.attempt === prompt.attempt;
  return {
    phase: prompt.phase,
    attempt: prompt.attempt,
    why: prompt.request.why,
    serials: prompt.request.serials,
    ...(prompt.request.problem ? { problem: prompt.request.problem } : {}),
    code: same ? kept.code : '',
    device: same ? kept.device : 0,
  };
}

export function reduceMfaForm(form: MfaForm, action: MfaFormAction): MfaForm {
  if (form.phase !== 'asking') return form;
  switch (action.type) {
    case 'typed':
      return { ...form, code: action.code };
    case 'device':
      return {
        ...form,
        device: reduceChoice(form.device, { type: 'move', by: action.by }, form.serials.length),
      };
  }
}

/** The device the code is for. */
export function mfaDevice(form: MfaForm): string {
  return form.phase === 'idle' ? '' : (pickedOption(form.serials, form.device) ?? '');
}

/** What to answer the prompt: once the code is whole, and only while it is asking. */
export function mfaAnswer(form: MfaForm): MfaAnswer | undefined {
  if (form.phase !== 'asking' || form.code.length !== MFA_CODE_LENGTH) return undefined;
  return { serial: mfaDevice(form), code: form.code };
}
