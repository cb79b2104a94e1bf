// IAM (2010-05-08), the actions that change things: creating roles the way the AWS docs do it
// by hand (CreateRole, AttachRolePolicy / PutRolePolicy, PutRolePermissionsBoundary) and undoing
// it (DetachRolePolicy, DeleteRolePolicy, DeleteRole), granting
// users sts:AssumeRole (PutUserPolicy, AttachUserPolicy), and setting up virtual MFA devices.
import { generate, generateSecret } from 'otplib';
import { type ActionHandler, type ActionInput, authorizeIam, namedRole, namedUser } from './action';
import { AwsError, noSuchEntity } from './aws-error';
import { policyXml, roleXml } from './iam';
import type { Tag } from './model';
import { checkIdentityPolicy, checkTrustPolicy } from './policy-checks';
import { rememberTrustedIds } from './trusted-principals';
import { checkNumber, checkString, integer, required } from './validate';

const NAME = { regex: /^[\w+=,.@-]+$/, shown: '[\\w+=,.@-]+' };
const PATH = { regex: /^(\/|\/[\x21-\x7E]+\/)$/, shown: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' };
const TAG_KEY = { regex: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, shown: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' };
const TAG_VALUE = { regex: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, shown: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' };
const MANAGED_POLICIES_PER_ROLE = 10;

const entityExists = (message: string) => new AwsError('EntityAlreadyExists', message, 409);

function attachablePolicy(input: ActionInput, arn: string) {
  const policy = input.world.policy(arn);
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

/** Tags.member.N.Key / Tags.member.N.Value, as the Query protocol sends a list of structures. */
function tagsFrom(params: Record<string, string>): Tag[] {
  const tags: Tag[] = [];
  for (let n = 1; params[`Tags.member.${n}.Key`] !== undefined; n++) {
    tags.push({ Key: params[`Tags.member.${n}.Key`] ?? '', Value: params[`Tags.member.${n}.Value`] ?? '' });
  }
  if (tags.length > 50) throw new AwsError('LimitExceeded', 'Cannot exceed quota for TagsPerRole: 50', 409);
  tags.forEach((tag, i) => {
    checkString(`tags.${i + 1}.member.key`, tag.Key, { min: 1, max: 128, pattern: TAG_KEY });
    checkString(`tags.${i + 1}.member.value`, tag.Value, { max: 256, pattern: TAG_VALUE });
  });
  // Wording UNVERIFIED: IAM refuses aws:-prefixed keys and keys given twice ignoring case.
  if (tags.some((t) => t.Key.toLowerCase().startsWith('aws:'))) {
    throw new AwsError(
      'InvalidInput',
      'User is not authorized to perform tag operations on aws: prefixed keys.',
      400,
    );
  }
  if (new Set(tags.map((t) => t.Key.toLowerCase())).size < tags.length) {
    throw new AwsError(
      'InvalidInput',
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      400,
    );
  }
  return tags;
}

export const IAM_CHANGE_ACTIONS: Record<string, ActionHandler> = {
  async CreateRole(input) {
    const { params, world, caller } = input;
    const name = required('roleName', params.RoleName);
    const path = params.Path ?? '/';
    const document = required('assumeRolePolicyDocument', params.AssumeRolePolicyDocument);
    checkString('roleName', name, { min: 1, max: 64, pattern: NAME });
    checkString('path', path, { min: 1, max: 512, pattern: PATH });
    checkString('description', params.Description, { max: 1000 });
    const maxSession = integer('maxSessionDuration', params.MaxSessionDuration);
    checkNumber('maxSessionDuration', maxSession, 3600, 43_200);
    authorizeIam(input, 'CreateRole', `arn:aws:iam::${caller.account}:role${path}${name}`);
    // Names are unique ignoring case: "Admin" blocks "admin".
    if (world.role(caller.account, name)) throw entityExists(`Role with name ${name} already exists.`);
    checkTrustPolicy(document, world);
    const boundary = params.PermissionsBoundary;
    if (boundary !== undefined) attachablePolicy(input, boundary);
    const role = world.addRole(caller.account, name, document, {
      path,
      ...(maxSession !== undefined ? { maxSessionSeconds: maxSession } : {}),
      ...(params.Description !== undefined ? { description: params.Description } : {}),
      tags: tagsFrom(params),
    });
    if (boundary !== undefined) role.permissionsBoundary = boundary;
    return { Role: roleXml(role, false, world) };
  },

  async DeleteRole(input) {
    const role = namedRole(input, 'DeleteRole');
    if (role.attachedPolicies.length) {
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must detach all policies first.', 409);
    }
    if (role.inlinePolicies.size)
      throw new AwsError('DeleteConflict', 'Cannot delete entity, must delete policies first.', 409);
    input.world.account(role.account).roles.delete(role.name.toLowerCase());
    return undefined;
  },

  async UpdateAssumeRolePolicy(input) {
    const role = namedRole(input, 'UpdateAssumeRolePolicy');
    const document = required('policyDocument', input.params.PolicyDocument);
    checkTrustPolicy(document, input.world);
    role.trustPolicy = document;
    rememberTrustedIds(role, input.world);
    return undefined;
  },

  async AttachRolePolicy(input) {
    const role = namedRole(input, 'AttachRolePolicy');
    const arn = required('policyArn', input.params.PolicyArn);
    attachablePolicy(input, arn);
    if (role.attachedPolicies.includes(arn)) return undefined;
    if (role.attachedPolicies.length >= MANAGED_POLICIES_PER_ROLE) {
      throw new AwsError(
        'LimitExceeded',
        `Cannot exceed quota for PoliciesPerRole: ${MANAGED_POLICIES_PER_ROLE}`,
        409,
      );
    }
    role.attachedPolicies.push(arn);
    return undefined;
  },

  async DetachRolePolicy(input) {
    const role = namedRole(input, 'DetachRolePolicy');
    const arn = required('policyArn', input.params.PolicyArn);
    if (!role.attachedPolicies.includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
    role.attachedPolicies = role.attachedPolicies.filter((a) => a !== arn);
    return undefined;
  },

  async PutRolePolicy(input) {
    putInlinePolicy(namedRole(input, 'PutRolePolicy'), input.params);
    return undefined;
  },

  async DeleteRolePolicy(input) {
    const role = namedRole(input, 'DeleteRolePolicy');
    const name = required('policyName', input.params.PolicyName);
    if (!role.inlinePolicies.delete(name)) {
      throw noSuchEntity(`The role policy with name ${name} cannot be found.`);
    }
    return undefined;
  },

  async PutRolePermissionsBoundary(input) {
    const role = namedRole(input, 'PutRolePermissionsBoundary');
    const arn = required('permissionsBoundary', input.params.PermissionsBoundary);
    if (!input.world.policy(arn))
      throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
    role.permissionsBoundary = arn;
    return undefined;
  },

  async CreatePolicy(input) {
    const { params, world, caller } = input;
    const name = required('policyName', params.PolicyName);
    const path = params.Path ?? '/';
    checkString('policyName', name, { min: 1, max: 128, pattern: NAME });
    checkString('path', path, { min: 1, max: 512, pattern: PATH });
    const document = required('policyDocument', params.PolicyDocument);
    const arn = `arn:aws:iam::${caller.account}:policy${path}${name}`;
    authorizeIam(input, 'CreatePolicy', arn);
    // Names are unique in an account ignoring case, whatever the path.
    if (
      [...world.account(caller.account).policies.values()].some(
        (p) => p.name.toLowerCase() === name.toLowerCase(),
      )
    ) {
      throw entityExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    checkIdentityPolicy(document);
    const policy = world.addPolicy(caller.account, name, document, path);
    if (params.Description !== undefined) policy.description = params.Description;
    return { Policy: policyXml(policy, world, false) };
  },

  async GetPolicy(input) {
    const arn = required('policyArn', input.params.PolicyArn);
    authorizeIam(input, 'GetPolicy', arn);
    const policy = input.world.policy(arn);
    if (!policy) throw noSuchEntity(`Policy ${arn} was not found.`);
    return { Policy: policyXml(policy, input.world, true) };
  },

  async GetPolicyVersion(input) {
    const arn = required('policyArn', input.params.PolicyArn);
    const version = required('versionId', input.params.VersionId);
    authorizeIam(input, 'GetPolicyVersion', arn);
    const policy = input.world.policy(arn);
    if (!policy) throw noSuchEntity(`Policy ${arn} was not found.`);
    if (version !== 'v1')
      throw noSuchEntity(`Policy ${arn} version ${version} does not exist or is not attachable.`);
    return {
      PolicyVersion: {
        Document: encodeURIComponent(policy.document),
        VersionId: 'v1',
        IsDefaultVersion: true,
        CreateDate: new Date(0),
      },
    };
  },

  async PutUserPolicy(input) {
    putInlinePolicy(namedUser(input, 'PutUserPolicy'), input.params);
    return undefined;
  },

  async AttachUserPolicy(input) {
    const user = namedUser(input, 'AttachUserPolicy');
    const arn = required('policyArn', input.params.PolicyArn);
    attachablePolicy(input, arn);
    if (!user.attachedPolicies.includes(arn)) user.attachedPolicies.push(arn);
    return undefined;
  },

  async CreateVirtualMFADevice(input) {
    const { params, world, caller } = input;
    const name = required('virtualMFADeviceName', params.VirtualMFADeviceName);
    checkString('virtualMFADeviceName', name, { min: 1, max: 226, pattern: NAME });
    const serial = `arn:aws:iam::${caller.account}:mfa/${name}`;
    authorizeIam(input, 'CreateVirtualMFADevice', serial);
    const devices = world.account(caller.account).mfaDevices;
    if ([...devices.keys()].some((s) => s.toLowerCase() === serial.toLowerCase())) {
      throw entityExists('MFADevice entity at the same path and name already exists.');
    }
    const secret = generateSecret();
    devices.set(serial, { serial, account: caller.account, secret });
    // Base32StringSeed is a blob: the base32 text, base64-encoded on the wire.
    return {
      VirtualMFADevice: { SerialNumber: serial, Base32StringSeed: Buffer.from(secret).toString('base64') },
    };
  },

  async EnableMFADevice(input) {
    const user = namedUser(input, 'EnableMFADevice');
    const serial = required('serialNumber', input.params.SerialNumber);
    const first = required('authenticationCode1', input.params.AuthenticationCode1);
    const second = required('authenticationCode2', input.params.AuthenticationCode2);
    const device = input.world.account(user.account).mfaDevices.get(serial);
    if (!device) throw noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
    if (device.enabled) throw entityExists('MFA Device is already in use.');
    // Two consecutive codes, the second the one after the first, near now.
    const now = Math.floor(input.world.clock.now() / 1000);
    let step: number | undefined;
    // The pair ends at the current step at the latest: a pair ending in the future would make
    // the code the person's app shows now count as already used.
    for (const offset of [-60, -30]) {
      const a = await generate({ secret: device.secret, epoch: now + offset });
      const b = await generate({ secret: device.secret, epoch: now + offset + 30 });
      if (a === first && b === second) step = Math.floor((now + offset + 30) / 30);
    }
    if (step === undefined)
      throw new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403);
    device.user = user.name;
    device.enabled = new Date(input.world.clock.now());
    device.lastTimeStep = step;
    return undefined;
  },
};

/** PutRolePolicy and PutUserPolicy: create or replace an inline permissions policy. */
function putInlinePolicy(
  holder: { inlinePolicies: Map<string, string> },
  params: Record<string, string>,
): void {
  const name = required('policyName', params.PolicyName);
  checkString('policyName', name, { min: 1, max: 128, pattern: NAME });
  const document = required('policyDocument', params.PolicyDocument);
  checkIdentityPolicy(document);
  holder.inlinePolicies.set(name, document);
}
