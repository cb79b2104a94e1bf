// AWS's own managed policies, as IAM's ListPolicies (Scope=AWS) lists them: real names, paths and
// descriptions, a sample of the ~1,300 AWS keeps. Their documents are trimmed: the broad shape of
// each (full access to a service, or its Get/List/Describe), which is all the sandbox, serving IAM
// and STS only, ever evaluates.
import { createHash } from 'node:crypto';
import type { ManagedPolicy } from './model';

interface Entry {
  path: string;
  description: string;
  /** Allowed on "*", or a whole document where AWS's has another shape. */
  allow: string[] | object;
}

/** IAM's policy variable, filled in with the caller's user name (not a template placeholder). */
const USERNAME_VARIABLE = ['$', '{aws:username}'].join('');

const doc = (actions: string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: actions.length === 1 ? actions[0] : actions, Resource: '*' }],
});

const readOnly = (...services: string[]) =>
  services.flatMap((s) => [`${s}:Describe*`, `${s}:Get*`, `${s}:List*`]);

const CATALOGUE: Record<string, Entry> = {
  AdministratorAccess: {
    path: '/',
    description: 'Provides full access to AWS services and resources.',
    allow: ['*'],
  },
  PowerUserAccess: {
    path: '/',
    description:
      'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    allow: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: [
            'iam:CreateServiceLinkedRole',
            'iam:DeleteServiceLinkedRole',
            'iam:ListRoles',
            'organizations:DescribeOrganization',
            'account:ListRegions',
            'account:GetAccountInformation',
          ],
          Resource: '*',
        },
      ],
    },
  },
  ReadOnlyAccess: {
    path: '/',
    description: 'Provides read-only access to AWS services and resources.',
    allow: ['iam:Get*', 'iam:List*', 'sts:GetCallerIdentity'],
  },
  IAMFullAccess: {
    path: '/',
    description: 'Provides full access to IAM via the AWS Management Console.',
    allow: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization'],
  },
  IAMReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    // AWS's document also allows iam:SimulateCustomPolicy and iam:SimulatePrincipalPolicy.
    allow: [
      'iam:Get*',
      'iam:List*',
      'iam:Generate*',
      'iam:SimulateCustomPolicy',
      'iam:SimulatePrincipalPolicy',
    ],
  },
  IAMUserChangePassword: {
    path: '/',
    description: 'Provides the ability for an IAM user to change their own password.',
    allow: {
      Version: '2012-10-17',
      Statement: [
        // A policy variable, not a template: IAM fills it in with the caller's user name.
        {
          Effect: 'Allow',
          Action: 'iam:ChangePassword',
          Resource: `arn:aws:iam::*:user/${USERNAME_VARIABLE}`,
        },
        { Effect: 'Allow', Action: 'iam:GetAccountPasswordPolicy', Resource: '*' },
      ],
    },
  },
  SecurityAudit: {
    path: '/',
    description:
      'The security audit template grants access to read security configuration metadata. It is useful for software that audits the configuration of an AWS account.',
    allow: ['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport', 'sts:GetCallerIdentity'],
  },
  AmazonS3FullAccess: {
    path: '/',
    description: 'Provides full access to all buckets via the AWS Management Console.',
    allow: ['s3:*', 's3-object-lambda:*'],
  },
  AmazonS3ReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    allow: ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*'],
  },
  AmazonEC2FullAccess: {
    path: '/',
    description: 'Provides full access to Amazon EC2 via the AWS Management Console.',
    allow: ['ec2:*', 'elasticloadbalancing:*', 'cloudwatch:*', 'autoscaling:*'],
  },
  AmazonEC2ReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon EC2 via the AWS Management Console.',
    allow: [
      'ec2:Describe*',
      'elasticloadbalancing:Describe*',
      'cloudwatch:ListMetrics',
      'autoscaling:Describe*',
    ],
  },
  AmazonVPCReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon VPC via the AWS Management Console.',
    allow: [
      'ec2:DescribeVpcs',
      'ec2:DescribeSubnets',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSecurityGroups',
    ],
  },
  AmazonDynamoDBFullAccess: {
    path: '/',
    description: 'Provides full access to Amazon DynamoDB via the AWS Management Console.',
    allow: ['dynamodb:*', 'dax:*', 'application-autoscaling:*', 'cloudwatch:GetMetricData'],
  },
  AmazonDynamoDBReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon DynamoDB via the AWS Management Console.',
    allow: [...readOnly('dynamodb'), 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan'],
  },
  AmazonSQSFullAccess: {
    path: '/',
    description: 'Provides full access to Amazon SQS via the AWS Management Console.',
    allow: ['sqs:*'],
  },
  AmazonSNSFullAccess: {
    path: '/',
    description: 'Provides full access to Amazon SNS via the AWS Management Console.',
    allow: ['sns:*'],
  },
  AWSLambda_FullAccess: {
    path: '/',
    description:
      'Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.',
    allow: ['lambda:*', 'logs:DescribeLogGroups', 'logs:FilterLogEvents', 'logs:GetLogEvents'],
  },
  AWSLambda_ReadOnlyAccess: {
    path: '/',
    description:
      'Grants read-only access to AWS Lambda service, AWS Lambda console features, and other related AWS services.',
    allow: ['lambda:Get*', 'lambda:List*', 'logs:DescribeLogGroups'],
  },
  CloudWatchReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to CloudWatch.',
    allow: [...readOnly('cloudwatch'), ...readOnly('logs'), 'logs:FilterLogEvents', 'logs:StartQuery'],
  },
  CloudWatchLogsFullAccess: {
    path: '/',
    description: 'Provides full access to CloudWatch Logs',
    allow: ['logs:*'],
  },
  CloudWatchAgentServerPolicy: {
    path: '/',
    description: 'Permissions required to use AmazonCloudWatchAgent on servers',
    allow: ['cloudwatch:PutMetricData', 'logs:PutLogEvents', 'logs:CreateLogStream', 'logs:CreateLogGroup'],
  },
  AmazonSSMManagedInstanceCore: {
    path: '/',
    description: 'The policy for Amazon EC2 Role to enable AWS Systems Manager service core functionality.',
    allow: ['ssm:UpdateInstanceInformation', 'ssmmessages:*', 'ec2messages:*', 'ssm:GetDocument'],
  },
  AmazonSSMReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to Amazon SSM.',
    allow: readOnly('ssm'),
  },
  AWSCloudFormationReadOnlyAccess: {
    path: '/',
    description: 'Provides access to AWS CloudFormation via the AWS Management Console.',
    allow: [...readOnly('cloudformation'), 'cloudformation:ValidateTemplate'],
  },
  AmazonEC2ContainerRegistryReadOnly: {
    path: '/',
    description: 'Provides read-only access to Amazon EC2 Container Registry repositories.',
    allow: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:Describe*', 'ecr:List*', 'ecr:Get*'],
  },
  AmazonEC2ContainerRegistryPowerUser: {
    path: '/',
    description:
      'Provides full access to Amazon EC2 Container Registry repositories, but does not allow repository deletion or policy changes.',
    allow: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'ecr:PutImage', 'ecr:InitiateLayerUpload'],
  },
  AmazonECS_FullAccess: {
    path: '/',
    description:
      'Provides administrative access to Amazon ECS resources and enables ECS features through access to other AWS service resources, including VPCs, Auto Scaling groups, and CloudFormation stacks.',
    allow: ['ecs:*', 'application-autoscaling:*', 'cloudformation:*', 'elasticloadbalancing:*'],
  },
  SecretsManagerReadWrite: {
    path: '/',
    // "exludes": AWS's own spelling.
    description:
      'Provides read/write access to AWS Secrets Manager via the AWS Management Console. Note: this exludes IAM actions, so combine with IAMFullAccess if rotation configuration is required.',
    allow: ['secretsmanager:*', 'kms:DescribeKey', 'kms:ListAliases', 'kms:ListKeys'],
  },
  AWSKeyManagementServicePowerUser: {
    path: '/',
    description: 'Provides access to AWS Key Management Service (KMS).',
    allow: ['kms:CreateAlias', 'kms:CreateKey', 'kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:TagResource'],
  },
  AmazonRoute53ReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to all Amazon Route 53 via the AWS Management Console.',
    allow: ['route53:Get*', 'route53:List*', 'route53:TestDNSAnswer'],
  },
  AWSCloudTrail_ReadOnlyAccess: {
    path: '/',
    description: 'Provides read only access to AWS CloudTrail.',
    allow: readOnly('cloudtrail'),
  },
  AWSOrganizationsReadOnlyAccess: {
    path: '/',
    description: 'Provides read-only access to AWS Organizations.',
    allow: ['organizations:Describe*', 'organizations:List*'],
  },
  AWSBillingReadOnlyAccess: {
    path: '/',
    description: 'Allows users to view bills on the Billing and Cost Management console.',
    allow: ['aws-portal:View*', 'billing:Get*', 'billing:List*', 'ce:Get*', 'ce:Describe*'],
  },
  Billing: {
    path: '/job-function/',
    description:
      'Grants permissions for billing and cost management. This includes viewing account usage and viewing and modifying budgets and payment methods.',
    allow: ['aws-portal:*', 'billing:*', 'budgets:*', 'ce:*', 'cur:*', 'payments:*'],
  },
  DatabaseAdministrator: {
    path: '/job-function/',
    description:
      'Grants full access permissions to AWS services and actions required to set up and configure AWS database services.',
    allow: ['dynamodb:*', 'rds:*', 'redshift:*', 'elasticache:*', 'cloudwatch:*'],
  },
  DataScientist: {
    path: '/job-function/',
    description: 'Grants permissions to AWS data analytics services.',
    allow: ['athena:*', 'glue:*', 'sagemaker:*', 'elasticmapreduce:*', 'kinesis:*'],
  },
  NetworkAdministrator: {
    path: '/job-function/',
    description:
      'Grants full access permissions to AWS services and actions required to set up and configure AWS network resources.',
    allow: ['ec2:*Vpc*', 'ec2:*Subnet*', 'ec2:*Gateway*', 'route53:*', 'directconnect:*'],
  },
  SystemAdministrator: {
    path: '/job-function/',
    description:
      'Grants full access permissions necessary for resources required for application and development operations.',
    allow: ['ec2:*', 'cloudwatch:*', 'logs:*', 'ssm:*', 'autoscaling:*', 'lambda:*'],
  },
  ViewOnlyAccess: {
    path: '/job-function/',
    description:
      'This policy grants permissions to view resources and basic metadata across all AWS services.',
    allow: ['iam:List*', 'ec2:Describe*', 's3:ListAllMyBuckets', 'lambda:List*', 'cloudwatch:List*'],
  },
  SupportUser: {
    path: '/job-function/',
    description:
      'This policy grants permissions to troubleshoot and resolve issues in an AWS account. This policy also enables the user to contact AWS support to create and manage cases.',
    allow: ['support:*', 'iam:Get*', 'iam:List*', 'ec2:Describe*'],
  },
  AWSLambdaBasicExecutionRole: {
    path: '/service-role/',
    description: 'Provides write permissions to CloudWatch Logs.',
    allow: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  },
  AWSLambdaVPCAccessExecutionRole: {
    path: '/service-role/',
    description:
      'Provides minimum permissions for a Lambda function to execute while accessing a resource within a VPC - create, describe, delete network interfaces and write permissions to CloudWatch Logs.',
    allow: [
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'ec2:CreateNetworkInterface',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DeleteNetworkInterface',
    ],
  },
  AWSLambdaDynamoDBExecutionRole: {
    path: '/service-role/',
    description:
      'Provides list and read access to DynamoDB streams and write permissions to CloudWatch logs.',
    allow: [
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'logs:CreateLogGroup',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ],
  },
  AmazonECSTaskExecutionRolePolicy: {
    path: '/service-role/',
    description: 'Provides access to other AWS service resources that are required to run Amazon ECS tasks',
    allow: ['ecr:GetAuthorizationToken', 'ecr:BatchGetImage', 'logs:CreateLogStream', 'logs:PutLogEvents'],
  },
  AmazonEC2ContainerServiceforEC2Role: {
    path: '/service-role/',
    description: 'Default policy for the Amazon EC2 Role for Amazon EC2 Container Service.',
    allow: ['ecs:CreateCluster', 'ecs:RegisterContainerInstance', 'ecs:Poll', 'ecs:Submit*', 'ecr:Get*'],
  },
  AWSGlueServiceRole: {
    path: '/service-role/',
    description:
      'Policy for AWS Glue service role which allows access to related services including EC2, S3, and Cloudwatch Logs',
    allow: ['glue:*', 's3:GetBucketLocation', 's3:ListBucket', 'ec2:DescribeSubnets', 'logs:PutLogEvents'],
  },
  AmazonSSMAutomationRole: {
    path: '/service-role/',
    description:
      'Provides permissions for EC2 Automation service to execute activities defined within Automation documents',
    allow: ['ssm:*', 'ec2:CreateImage', 'ec2:Describe*', 'ec2:StartInstances', 'ec2:StopInstances'],
  },
  AWSCodeDeployRole: {
    path: '/service-role/',
    description:
      'Provides CodeDeploy service access to expand tags and interact with Auto Scaling on your behalf.',
    allow: ['autoscaling:*', 'ec2:Describe*', 'elasticloadbalancing:Describe*', 'tag:GetResources'],
  },
};

// The IDs of the three policies the seed attaches are AWS's own; the others' are made here from
// their names, fixed from run to run as AWS's never change.
const KNOWN_IDS: Record<string, string> = {
  AdministratorAccess: 'ANPAIWMBCKSKIEE64ZLYK',
  IAMReadOnlyAccess: 'ANPAJKSO7NDY4T57MWDSQ',
  ReadOnlyAccess: 'ANPAILL3HVNFSB6DCOWYQ',
};

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function idOf(name: string): string {
  const known = KNOWN_IDS[name];
  if (known) return known;
  const bytes = createHash('sha256').update(name).digest();
  let id = 'ANPA';
  for (let i = 0; id.length < 21; i++) id += BASE32[(bytes[i] ?? 0) % 32];
  return id;
}

export function awsManagedPolicyArn(name: string, path = CATALOGUE[name]?.path ?? '/'): string {
  return `arn:aws:iam::aws:policy${path}${name}`;
}

function policyOf(name: string, entry: Entry): ManagedPolicy {
  return {
    name,
    arn: awsManagedPolicyArn(name, entry.path),
    id: idOf(name),
    path: entry.path,
    description: entry.description,
    document: JSON.stringify(Array.isArray(entry.allow) ? doc(entry.allow) : entry.allow),
    created: new Date('2015-02-06T18:39:46Z'),
  };
}

const BY_ARN = new Map(
  Object.entries(CATALOGUE).map(([name, entry]) => {
    const policy = policyOf(name, entry);
    return [policy.arn, policy] as const;
  }),
);

/** An AWS managed policy by its ARN, path included (…:policy/service-role/AWSLambdaBasicExecutionRole). */
export function awsManagedPolicy(arn: string): ManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

/** Every AWS managed policy the sandbox knows, as ListPolicies with Scope=AWS lists them. */
export function awsManagedPolicies(): ManagedPolicy[] {
  return [...BY_ARN.values()];
}
