// The floor bench:env measures `rolecall env` against (issue 15): one AssumeRole with the AWS SDK
// and static keys, printed as exports, and nothing else: no profiles read, no settings, no
// command line. Bundled as the bin is. Keys and the role come from the bench's environment.
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

const env = process.env;
const client = new STSClient({
  region: 'us-east-1',
  endpoint: env.AWS_ENDPOINT_URL,
  credentials: { accessKeyId: env.FLOOR_KEY_ID ?? '', secretAccessKey: env.FLOOR_SECRET ?? '' },
});
const { Credentials: c } = await client.send(
  new AssumeRoleCommand({ RoleArn: env.FLOOR_ROLE_ARN, RoleSessionName: 'bench', DurationSeconds: 3600 }),
);
process.stdout.write(
  `export AWS_ACCESS_KEY_ID='${c?.AccessKeyId}'\nexport AWS_SECRET_ACCESS_KEY='${c?.SecretAccessKey}'\nexport AWS_SESSION_TOKEN='${c?.SessionToken}'\n`,
);
