import { describe, expect, it } from 'vitest';
import { SESSION_NAME } from '../../src/aws-shapes/request-fields';
import { checkSessionNameTemplate, sessionNameFromTemplate } from '../../src/session-name';

const values = { user: 'alice', profile: 'prod-admin', role: 'Admin', time: '1795000000' };

describe('session names from the template', () => {
  it('fills in the tokens', () => {
    expect(sessionNameFromTemplate('rolecall-{user}-{role}', values)).toBe('rolecall-alice-Admin');
  });

  it('replaces characters AWS refuses in a value, so the name is always accepted', () => {
    const name = sessionNameFromTemplate('{user}', { ...values, user: 'Jane Doe (laptop)' });
    expect(name).toBe('Jane-Doe--laptop-');
    expect(name).toMatch(SESSION_NAME);
  });

  it('cuts a long name to 64 characters and pads a short one to 2', () => {
    expect(sessionNameFromTemplate('{role}-{role}', { ...values, role: 'R'.repeat(60) })).toHaveLength(64);
    expect(sessionNameFromTemplate('{user}', { ...values, user: '' })).toMatch(SESSION_NAME);
    expect(sessionNameFromTemplate('{user}', { ...values, user: 'x' })).toMatch(SESSION_NAME);
  });

  it('says what is wrong with a template', () => {
    expect(checkSessionNameTemplate('rolecall-{user}')).toBeUndefined();
    expect(checkSessionNameTemplate('{host}')).toMatch(/\{host\} is not a token; use \{user\}/);
    expect(checkSessionNameTemplate('my session')).toMatch(/" " cannot appear in a session name/);
    expect(checkSessionNameTemplate('a:b')).toMatch(/":" cannot appear/);
    expect(checkSessionNameTemplate('x'.repeat(65))).toMatch(/longer than the 64 characters/);
  });
});
