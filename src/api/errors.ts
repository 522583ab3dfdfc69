/**
 * Every error the HTTP API returns: a stable code, its HTTP status and what it
 * means. Responses are always JSON `{ code, message }`; the message says what
 * was wrong with this request, the code never changes. docs/api.md lists them.
 */
export const API_ERRORS = {
  SB_API_BAD_REQUEST: { status: 400, meaning: 'The request could not be read: the body is not valid JSON, or is empty.' },
  SB_API_TOO_LARGE: { status: 413, meaning: 'The body is larger than 64 KB.' },
  SB_API_UNSUPPORTED_MEDIA: { status: 415, meaning: 'Send request bodies as application/json.' },
  SB_API_INVALID: { status: 400, meaning: 'A body field, parameter or query value is missing, of the wrong type, or unknown.' },
  SB_API_UNAUTHENTICATED: { status: 401, meaning: 'Sign in first, or the session has expired.' },
  SB_API_BAD_CREDENTIALS: { status: 401, meaning: 'The email or password is wrong.' },
  SB_API_CSRF: { status: 403, meaning: 'A state-changing request came without the session\'s anti-forgery token, or from another site.' },
  SB_API_FORBIDDEN: { status: 403, meaning: 'Your role or ownership does not allow this.' },
  SB_API_NOT_FOUND: { status: 404, meaning: 'No such resource, or not one you can see.' },
  SB_API_CONFLICT: { status: 409, meaning: 'The request conflicts with what is stored (an email already in use, an attempt id with other details).' },
  SB_API_TURN_CONFLICT: { status: 409, meaning: 'A different response is already stored for this turn index.' },
  SB_API_TURN_GAP: { status: 409, meaning: 'The turn index skips turns that are not stored yet; send them in order.' },
  SB_API_ATTEMPT_FINISHED: { status: 409, meaning: 'The attempt is finished; no more turns can be added.' },
  SB_API_ATTEMPT_NOT_ENDED: { status: 409, meaning: 'The attempt has not reached an ending, so it cannot be finished.' },
  SB_API_STEP_BACK_REFUSED: { status: 409, meaning: 'Only the last turn of an unfinished practice attempt can be stepped back.' },
  SB_API_NOT_FINISHED: { status: 409, meaning: 'Only a finished attempt can be signed off.' },
  SB_API_DELETE_REFUSED: { status: 409, meaning: 'The account cannot be deleted: it is your own, the last admin, or others\' records name it (cohorts, assignments, invites, comments, sign-offs).' },
  SB_API_SETUP_DONE: { status: 409, meaning: 'An admin already exists; the setup link is spent.' },
  SB_API_TURN_NOT_OFFERED: { status: 422, meaning: 'The response was not offered at that beat, or the beat is not where the attempt is.' },
  SB_API_UNKNOWN_CONTENT: { status: 422, meaning: 'The scenario or rubric version (by id and content hash) is not one this server has.' },
  SB_API_INVITE_INVALID: { status: 422, meaning: 'The invite code is unknown, expired or revoked.' },
  SB_API_RATE_LIMITED: { status: 429, meaning: 'Too many sign-in attempts; wait and try again.' },
  SB_API_INTERNAL: { status: 500, meaning: 'The server failed; the details are in its log, never in the response.' },
} as const;

export type ApiErrorCode = keyof typeof API_ERRORS;

export interface ApiErrorBody {
  readonly code: ApiErrorCode;
  readonly message: string;
}

/** Thrown by route handlers; the server turns it into its status and `{ code, message }`. */
export class ApiError extends Error {
  readonly status: number;
  constructor(readonly code: ApiErrorCode, message: string = API_ERRORS[code].meaning, readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = API_ERRORS[code].status;
  }

  toJSON(): ApiErrorBody {
    return { code: this.code, message: this.message };
  }
}
