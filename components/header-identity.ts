// Who the AWS SDK is here, as the header shows it: words and the tone to draw them in. A value
// the store keeps; components/header.tsx draws it.
import type { Tone } from './theme';

export interface HeaderIdentity {
  text: string;
  tone?: Tone;
}
