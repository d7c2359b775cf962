/** The client's typed errors, with stable codes (the HTTP layer maps codes to statuses). */
export type ClientErrorCode =
  | 'CLIENT_ERR_ALLOC_NOT_FOUND'
  | 'CLIENT_ERR_TASK_NOT_FOUND'
  | 'CLIENT_ERR_TASK_NOT_RUNNING'
  | 'CLIENT_ERR_INVALID'
  | 'CLIENT_ERR_NOT_STARTED';

export class ClientError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export const isClientError = (e: unknown): e is ClientError => e instanceof ClientError;
