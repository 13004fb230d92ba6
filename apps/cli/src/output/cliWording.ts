/**
 * A library message in the CLI's terms: the settings it advises are named as the CLI's options
 * (`increase regCovar` becomes `increase --reg-covar`), so every piece of advice a user reads is
 * something they can type.
 */
export function cliWording(message: string): string {
  return message
    .replace(/\bregCovar\b/g, '--reg-covar')
    .replace(/\bmaxIterations\b/g, '--max-iterations')
    .replace(/\bnInit\b/g, '--n-init');
}
