import { ensureBuilt } from '../../../tooling/scripts/ensureBuilt.ts';

/** The e2e tests run the built demo scripts; build them (and their packages) outside turbo. */
export default function setup(): void {
  ensureBuilt('@mixkit/demos', 'apps/demos/dist/headline.js');
}
