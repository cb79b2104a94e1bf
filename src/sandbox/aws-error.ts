// An error the sandbox answers with, as AWS would: code, message, HTTP status.

export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

export const accessDenied = (message: string) => new AwsError('AccessDenied', message, 403);
export const validationError = (message: string) => new AwsError('ValidationError', message, 400);
export const noSuchEntity = (message: string) => new AwsError('NoSuchEntity', message, 404);

/** AWS's text for a key it does not know (aws-reference.md, STS errors). */
export const invalidToken = () =>
  new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid', 403);
