#!/usr/bin/env node
// Runs the workspace's turbo through the pinned pnpm, so turbo's child tasks find pnpm on
// PATH even on a machine that only has node and npm. Telemetry off: turbo must never wait
// on the network.
import { spawnSync } from 'node:child_process';

const result = spawnSync(
  'npx',
  ['--yes', '--prefer-offline', 'pnpm@12.4.2', 'exec', 'turbo', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  },
);
process.exit(result.status ?? 1);
