// The MFA form as drawn: why a code is asked for, the code field with AWS's answer to the last
// code, and the device (a choice when there are several). On a short terminal the field and
// AWS's answer come first, since the last lines go.
import { Box, Text } from 'ink';
import { Choice } from '../../../components/form/choice';
import { colour } from '../../../components/theme';
import { MfaCodeField } from './mfa-code-field';
import { type MfaForm as MfaFormState, mfaDevice } from './mfa-form-state';

export interface MfaFormProps {
  form: MfaFormState;
  type: (code: string) => void;
  send: () => void;
  /** In the sandbox: the code its authenticator shows now for the device picked. */
  hint?: string;
  roomy: boolean;
}

export function MfaForm({ form, type, send, hint, roomy }: MfaFormProps) {
  if (form.phase === 'idle') return <Text dimColor> No MFA code is being asked for.</Text>;
  const field = (
    <MfaCodeField
      value={form.code}
      onChange={type}
      onSubmit={send}
      busy={form.phase === 'checking'}
      {...(form.problem ? { error: form.problem } : {})}
    />
  );
  return (
    <Box flexDirection="column" paddingX={1}>
      <Text bold wrap="wrap">
        A code from your MFA device, {form.why}.
      </Text>
      {roomy && <Text> </Text>}
      {!roomy && field}
      {form.serials.length > 1 ? (
        <Choice options={form.serials} picked={form.device} />
      ) : (
        <Text dimColor wrap="truncate-end">
          Device {mfaDevice(form)}
        </Text>
      )}
      {hint && <Text color={colour('accent')}>Sandbox: this device shows {hint} now.</Text>}
      {roomy && <Text> </Text>}
      {roomy && field}
    </Box>
  );
}
