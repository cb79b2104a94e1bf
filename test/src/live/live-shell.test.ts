// The live shell's command: which shell, its arguments and environment per mode, and its banner.
import { afterAll, describe, expect, it } from 'vitest';
import { liveShell, type OpenAnswer } from '../../../src/live/live-shell';
import type { ClientMode } from '../../../src/live/protocol';
import { removeTempDirs, tempConfigDir } from '../../helpers/temp-dirs';

afterAll(removeTempDirs);

function opened(mode: ClientMode): OpenAnswer {
  const keys = { AWS_ACCESS_KEY_ID: 'AKIANOW', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' };
  return {
    ok: true,
    op: 'open',
    client: {
      id: 'c7',
      kind: 'shell',
      mode,
      label: 'bash',
      pid: 1,
      openedAt: '2026-01-01T00:00:00Z',
      served: 0,
    },
    endpoint: { uri: 'http://127.0.0.1:4321/rolecall/credentials', token: 'tok-256-bits' },
    generationFile: '/run/rolecall/clients/c7',
    exports: {
      generation: 4,
      session: 'prod-admin',
      set: {
        ...(mode === 'exported' ? keys : {}),
        ROLECALL_PROFILE: 'prod-admin',
        AWS_REGION: 'eu-west-1',
        AWS_CREDENTIAL_EXPIRATION: '2026-01-01T13:00:00Z',
      },
      unset: ['AWS_PROFILE'],
    },
    notes: [],
  };
}

const self = { command: '/usr/bin/node', args: ['/opt/rolecall/dist/rolecall.js'] };
const parentOf = (shell: string) => ({
  SHELL: shell,
  HOME: '/home/pat',
  AWS_PROFILE: 'old',
  AWS_ACCESS_KEY_ID: 'AKIAOLD',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/other',
  AWS_CONTAINER_AUTHORIZATION_TOKEN: 'someone-elses',
});

describe('liveShell', () => {
  it('exported: the keys and the agent variables, and bash started with the hook', () => {
    const dir = tempConfigDir();
    const child = liveShell({
      opened: opened('exported'),
      socket: '/run/rolecall/agent.sock',
      self,
      parent: parentOf('/bin/bash'),
      dir,
    });
    expect(child.command).toBe('/bin/bash');
    expect(child.args).toEqual(['--rcfile', `${dir}/shell-hook/rolecall.bash`, '-i']);
    expect(child.fallback).toBe('/bin/sh');
    expect(child.env).toMatchObject({
      AWS_ACCESS_KEY_ID: 'AKIANOW',
      ROLECALL_AGENT_SOCK: '/run/rolecall/agent.sock',
      ROLECALL_CLIENT: 'c7',
      ROLECALL_GENERATION_FILE: '/run/rolecall/clients/c7',
      __rolecall_gen: '4',
    });
    for (const gone of [
      'AWS_PROFILE',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    ])
      expect(child.env).not.toHaveProperty(gone);
    expect(child.banner).toContain('live shell as prod-admin');
    expect(child.banner).toContain('follow refreshes and `rolecall use PROFILE`');
    expect(child.args?.join(' ')).not.toContain('secret');
  });

  it('endpoint: no keys, the endpoint and its token, in any shell', () => {
    const dir = tempConfigDir();
    const child = liveShell({
      opened: opened('endpoint'),
      socket: '/s',
      self,
      parent: parentOf('/usr/bin/zsh'),
      dir,
    });
    expect(child.args).toEqual(['-i']);
    expect(child.env).toMatchObject({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:4321/rolecall/credentials',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok-256-bits',
      ROLECALL_PROFILE: 'prod-admin',
      ZDOTDIR: `${dir}/shell-hook/zsh`,
    });
    for (const gone of ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE']) expect(child.env).not.toHaveProperty(gone);
    const dash = liveShell({
      opened: opened('endpoint'),
      socket: '/s',
      self,
      parent: parentOf('/bin/dash'),
      dir,
    });
    expect(dash.args).toBeUndefined();
    expect(dash.env).toMatchObject({
      ROLECALL_CLIENT: 'c7',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok-256-bits',
    });
    expect(dash.banner).toContain('dash has no prompt hook');
  });

  it('endpoint: whatever an SDK would take first, or a token file botocore would send, is gone', () => {
    // Started in a container or an EKS pod, or from another tool: its sources would win.
    const parent = {
      ...parentOf('/bin/bash'),
      AWS_SECRET_ACCESS_KEY: 'old-secret',
      AWS_SESSION_TOKEN: 'old-token',
      AWS_SECURITY_TOKEN: 'old-token',
      AWS_DEFAULT_PROFILE: 'old',
      AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/pod',
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: '/var/run/secrets/pods.eks.amazonaws.com/token',
      AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token',
      AWS_ROLE_ARN: 'arn:aws:iam::111111111111:role/pod',
      AWS_ROLE_SESSION_NAME: 'pod',
      AWS_CREDENTIAL_EXPIRATION: '2020-01-01T00:00:00Z',
    };
    const child = liveShell({ opened: opened('endpoint'), socket: '/s', self, parent, dir: tempConfigDir() });
    const replaced = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];
    const given = ['AWS_CREDENTIAL_EXPIRATION'];
    for (const gone of Object.keys(parent).filter((name) => name.startsWith('AWS_')))
      if (![...replaced, ...given].includes(gone)) expect(child.env).not.toHaveProperty(gone);
    // The session's own expiry, which `rolecall prompt` reads; no SDK reads it without keys.
    expect(child.env.AWS_CREDENTIAL_EXPIRATION).toBe('2026-01-01T13:00:00Z');
    expect(child.env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe('tok-256-bits');
  });

  it('exported in a shell with no hook: the keys as they are now, and the banner says they stay so', () => {
    const dir = tempConfigDir();
    const child = liveShell({
      opened: opened('exported'),
      socket: '/s',
      self,
      parent: parentOf('/bin/dash'),
      dir,
    });
    expect(child.args).toBeUndefined();
    expect(child.env.AWS_ACCESS_KEY_ID).toBe('AKIANOW');
    expect(child.env).not.toHaveProperty('ROLECALL_CLIENT');
    expect(child.banner).toContain('do not follow refreshes');
  });
});
