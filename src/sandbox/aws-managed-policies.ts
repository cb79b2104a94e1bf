// The AWS managed policies the seeded world attaches (ARNs with "aws" for an account), trimmed
// to the IAM and STS actions the sandbox serves.
import type { ManagedPolicy } from './model';

const DOCUMENTS: Record<string, object> = {
  AdministratorAccess: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
  IAMReadOnlyAccess: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:Generate*'], Resource: '*' }],
  },
  ReadOnlyAccess: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'sts:GetCallerIdentity'], Resource: '*' },
    ],
  },
};

// AWS's managed policies have long-lived IDs and dates; fixed ones here, as they never change.
const IDS: Record<string, string> = {
  AdministratorAccess: 'ANPAIWMBCKSKIEE64ZLYK',
  IAMReadOnlyAccess: 'ANPAJKSO7NDY4T57MWDSQ',
  ReadOnlyAccess: 'ANPAILL3HVNFSB6DCOWYQ',
};

export function awsManagedPolicyArn(name: string): string {
  return `arn:aws:iam::aws:policy/${name}`;
}

export function awsManagedPolicy(arn: string): ManagedPolicy | undefined {
  const name = /^arn:aws:iam::aws:policy\/(.+)$/.exec(arn)?.[1];
  const document = name ? DOCUMENTS[name] : undefined;
  if (!name || !document) return undefined;
  return {
    name,
    arn,
    id: IDS[name] ?? '',
    path: '/',
    document: JSON.stringify(document),
    created: new Date('2015-02-06T18:39:46Z'),
  };
}
