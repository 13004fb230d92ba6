import { ensureBuilt } from '../../../tooling/scripts/ensureBuilt.ts';

/** The e2e tests run the built bin; build it (and its packages) when run outside turbo. */
export default function setup(): void {
  ensureBuilt('@mixkit/cli', 'apps/cli/dist/main.js');
}
