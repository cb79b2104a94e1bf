// The MFA code: which device (picked for you when there is one), six digits that go as the sixth
// is typed, AWS's answer in place when it refuses one, and Esc to give up. In the sandbox, the
// code its authenticator shows now. The form is screens/forms/mfa/; here is what it asks of the
// core.
import { useEffect, useState } from 'react';
import type { ScreenProps } from './app/navigation/screen-registry';
import { useCore } from './app/stores/core-context';
import { MfaForm } from './forms/mfa/mfa-form';
import { mfaDevice } from './forms/mfa/mfa-form-state';
import { useMfaForm } from './forms/mfa/use-mfa-form';

/** Below this many rows the form drops its spacing and puts the field first. */
const ROOMY_ROWS = 10;

export function MfaScreen({ height }: ScreenProps<'mfa'>) {
  const { mfa, sandboxMfaCode, ticker } = useCore();
  const { form, type, send } = useMfaForm(mfa);
  const serial = mfaDevice(form);
  const [hint, setHint] = useState<string>();
  useEffect(() => {
    const update = () => void sandboxMfaCode(serial).then(setHint);
    update();
    return ticker.subscribe(update);
  }, [sandboxMfaCode, ticker, serial]);
  return (
    <MfaForm form={form} type={type} send={send} roomy={height >= ROOMY_ROWS} {...(hint ? { hint } : {})} />
  );
}
