// Preloaded with `node --import` by the out-of-core e2e test: on exit, writes the process's
// peak resident memory (kilobytes, from process.resourceUsage()) to the file named by
// MIXKIT_MAX_RSS_FILE, so the test can compare how much memory a fit took.
import { writeFileSync } from 'node:fs';

const target = process.env.MIXKIT_MAX_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
