/**
 * How long a password must and may be: a module without dependencies, so the account pages can
 * check it in the browser without bundling the strength estimator (password-rules.ts).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
