// Errors a person can act on. Chat surfaces show their message as it is; anything else is a bug,
// logged in full and answered with a short apology.

/** Base of every error whose message is written for the person who asked. */
export class UserFacingError extends Error {}

/** The input was wrong; `problems` lists each one in words a non-technical user follows. */
export class InvalidInput extends UserFacingError {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? (problems[0] as string) : `Please fix these: ${problems.join("; ")}`);
  }
}

export class NotFound extends UserFacingError {}

/** The actor may not do this. Nothing has been written. */
export class AccessDenied extends UserFacingError {}
