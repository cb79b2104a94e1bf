// The six digits of an MFA code: digits only (anything else typed or pasted is dropped), and
// the code goes as the sixth digit arrives, since AWS takes only six and the clock is running.
import { Box, Text } from 'ink';
import { ErrorLine } from '../../../components/form/error-line';
import { TextField } from '../../../components/text-field/text-field';
import { MFA_CODE_LENGTH } from './mfa-form-state';

export interface MfaCodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  /** Called once, with the six digits, when the sixth is typed. */
  onSubmit: (code: string) => void;
  /** A code is with AWS: keys wait until it answers. */
  busy?: boolean;
  /** AWS's answer to the last code, in words; the field stays for the next code. */
  error?: string;
}

export function MfaCodeField({ value, onChange, onSubmit, busy = false, error }: MfaCodeFieldProps) {
  const left = MFA_CODE_LENGTH - value.length;
  return (
    <Box flexDirection="column">
      <Box>
        <Text>MFA code </Text>
        <TextField
          value={value}
          allow={/[0-9]/}
          maxLength={MFA_CODE_LENGTH}
          isActive={!busy}
          onChange={(next) => {
            onChange(next);
            if (next.length === MFA_CODE_LENGTH) onSubmit(next);
          }}
        />
        <Text dimColor>
          {busy ? '  checking with AWS…' : left > 0 ? `  ${left} more digit${left === 1 ? '' : 's'}` : ''}
        </Text>
      </Box>
      {error && <ErrorLine problem={error} />}
    </Box>
  );
}
