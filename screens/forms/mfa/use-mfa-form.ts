// The MFA form's keys and its answer to the core's prompt: the device moved with ↑↓ when there
// are several, the code sent as its sixth digit arrives, Esc to give up (not while AWS is
// checking a code: its answer is a moment away). The typed digits are kept in the UI store.
import { useRef, useSyncExternalStore } from 'react';
import { useKeys } from '../../../components/keymap';
import type { MfaPrompt } from '../../../src/mfa/mfa-prompt';
import { useFormState } from '../../app/hooks/use-form-state';
import { cursorKeys } from '../../app/navigation/cursor-keys';
import { type MfaForm, type MfaFormAction, mfaAnswer, mfaForm, reduceMfaForm } from './mfa-form-state';

/** One MFA form at a time: the prompt asks one thing at a time. */
const FORM_KEY = 'mfa';

export function useMfaForm(prompt: MfaPrompt): {
  form: MfaForm;
  type: (code: string) => void;
  /** The code is whole: it goes to AWS, if the prompt is still asking for it. */
  send: () => void;
} {
  const promptState = useSyncExternalStore(
    (changed) => prompt.on(changed),
    () => prompt.state,
  );
  const [kept, update] = useFormState<MfaForm>(FORM_KEY);
  const form = mfaForm(promptState, kept);
  // What the last key made of the form: the sixth digit and the send come in one key press.
  const latest = useRef(form);
  latest.current = form;
  const dispatch = (action: MfaFormAction) => {
    latest.current = update((now) => reduceMfaForm(mfaForm(prompt.state, now), action));
  };
  const send = () => {
    const answer = mfaAnswer(mfaForm(prompt.state, latest.current));
    if (answer) prompt.answer(answer);
  };

  useKeys(
    [
      ...(form.phase !== 'idle' && form.serials.length > 1
        ? cursorKeys((by) => dispatch({ type: 'device', by }), 'MFA device', { letters: false })
        : []),
      form.phase === 'checking'
        ? {
            keys: ['escape'],
            label: 'wait',
            description: 'The code is with AWS: its answer comes in a moment',
            run: () => {},
          }
        : {
            keys: ['escape'],
            label: 'cancel',
            description: 'Give up: no code is sent',
            run: () => prompt.cancel(),
          },
    ],
    { capturesText: true },
  );

  return { form, type: (code) => void dispatch({ type: 'typed', code }), send };
}
