// Errors a person can act on. Chat surfaces show their message as it is; anything else is a bug,
// logged in full and answered with a short apology.

/** Base of every error whose message is written for the person who asked. */
export class UserFacingError extends Error {}

/**
 * The input was wrong; `problems` lists each one in words a non-technical user follows, and
 * `fields` says the same by the name of the field at fault, so a form can show it beside the field.
 */
export class InvalidInput extends UserFacingError {
  constructor(
    readonly problems: string[],
    readonly fields: Record<string, string> = fieldsNamedIn(problems),
  ) {
    super(problems.length === 1 ? (problems[0] as string) : `Please fix these: ${problems.join("; ")}`);
  }
}

export class NotFound extends UserFacingError {}

/** The actor may not do this. Nothing has been written. */
export class AccessDenied extends UserFacingError {}

/** Problems written as "field: what is wrong" name their field. */
function fieldsNamedIn(problems: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const problem of problems) {
    const named = /^([a-zA-Z]+): (.+)$/s.exec(problem);
    if (named?.[1] && named[2] && !(named[1] in fields)) fields[named[1]] = named[2];
  }
  return fields;
}
