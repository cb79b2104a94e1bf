// doctor --fix's decision to write, ask or write nothing: it asks only where a person can see the
// question (stderr a terminal) and answer it (stdin a terminal), whatever stdout is.
import { describe, expect, it } from 'vitest';
import { fixConsent } from '../../../src/commands/doctor-command';

describe('fixConsent', () => {
  it('--yes writes without asking, terminal or not', () => {
    expect(fixConsent({ yes: true })).toBe('write');
    expect(fixConsent({ yes: true, stdinIsTerminal: true, stderrIsTerminal: true })).toBe('write');
  });

  it('asks when stdin and stderr are both terminals', () => {
    expect(fixConsent({ stdinIsTerminal: true, stderrIsTerminal: true })).toBe('ask');
  });

  it('writes nothing when either is not a terminal', () => {
    expect(fixConsent({ stdinIsTerminal: true, stderrIsTerminal: false })).toBe('no-terminal');
    expect(fixConsent({ stdinIsTerminal: false, stderrIsTerminal: true })).toBe('no-terminal');
    expect(fixConsent({})).toBe('no-terminal');
  });
});
