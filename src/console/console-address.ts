// Where console sign-in goes, by partition and region: AWS sign-in's federation endpoint, the
// console page the person lands on (Destination), and the login URL that carries the sign-in
// token (IAM User Guide, "Enable custom identity broker access to the AWS console";
// aws-reference.md section 6). Pure: no request is made here.

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov';

interface PartitionHosts {
  /** AWS sign-in's host for the partition's default region; other regions prefix it (aws only). */
  signin: string;
  console: string;
  /** The region whose console and sign-in hosts take no region prefix. */
  home: string;
  /** Whether sign-in has regional hosts ({region}.signin.aws.amazon.com, "AWS Sign-In endpoints"). */
  regionalSignin: boolean;
}

const HOSTS: Record<Partition, PartitionHosts> = {
  aws: {
    signin: 'signin.aws.amazon.com',
    console: 'console.aws.amazon.com',
    home: 'us-east-1',
    regionalSignin: true,
  },
  // China and GovCloud: the hosts aws-vault's generateLoginURL and granted's partition.go use.
  'aws-cn': {
    signin: 'signin.amazonaws.cn',
    console: 'console.amazonaws.cn',
    home: 'cn-north-1',
    regionalSignin: false,
  },
  'aws-us-gov': {
    signin: 'signin.amazonaws-us-gov.com',
    console: 'console.amazonaws-us-gov.com',
    home: 'us-gov-west-1',
    regionalSignin: false,
  },
};

/** A console service's path as `--service` takes it: `s3`, `ec2`, `cloudwatch`, `iam`, `ec2/v2`. */
export const SERVICE_PATH = /^[a-z0-9-]{1,40}(\/[a-z0-9-]{1,40}){0,3}$/;
/** A region's name: us-east-1, eu-central-2, cn-north-1, us-gov-west-1. */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
/** Services whose console is the same in every region: their pages take no region. */
const GLOBAL_SERVICES = new Set(['iam', 'route53', 'cloudfront', 'organizations', 'billing', 'support']);
/** The sign-in token is good for this long once issued (the IAM User Guide, above). */
export const SIGNIN_TOKEN_SECONDS = 15 * 60;

/** The partition of an ARN (arn:aws-cn:…), or undefined for one rolecall does not sign in to. */
export function partitionOfArn(arn: string): Partition | undefined {
  const partition = /^arn:([\w-]+):/.exec(arn)?.[1];
  return partition === 'aws' || partition === 'aws-cn' || partition === 'aws-us-gov' ? partition : undefined;
}

/** AWS sign-in's federation endpoint for the partition, in the region when it has one there. */
export function federationEndpoint(partition: Partition, region: string): string {
  const hosts = HOSTS[partition];
  const regional = hosts.regionalSignin && region !== hosts.home && REGION_NAME.test(region);
  return `https://${regional ? `${region}.` : ''}${hosts.signin}/federation`;
}

/** The console page to land on: the service's home in the region, or the console's home. */
export function consoleDestination(partition: Partition, region: string, service?: string): string {
  const hosts = HOSTS[partition];
  const regional = region !== hosts.home && REGION_NAME.test(region);
  const base = `https://${regional ? `${region}.` : ''}${hosts.console}`;
  const path = service ? `${service}/home` : 'console/home';
  const global = service !== undefined && GLOBAL_SERVICES.has(service.split('/')[0] ?? '');
  return `${base}/${path}${global ? '' : `?region=${encodeURIComponent(region)}`}`;
}

/** The URL that signs the browser in: a secret for its 15 minutes, like the credentials it came from. */
export function loginUrl(federation: string, signinToken: string, destination: string): string {
  const query = new URLSearchParams({
    Action: 'login',
    // Where the console sends the person when the session ends; a name, as aws-vault gives its own.
    Issuer: 'rolecall',
    Destination: destination,
    SigninToken: signinToken,
  });
  return `${federation}?${query.toString()}`;
}
