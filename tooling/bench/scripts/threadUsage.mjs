// CPU time and minor page faults of every thread of this process, for the A/B scripts that
// split a fit's cost between the calling thread and its workers (Linux /proc only).
import { readdirSync, readFileSync } from 'node:fs';

/** Thread id → { cpu: ms (schedstat), faults: minor page faults (stat field 10) } now. */
export function threadUsage() {
  const out = new Map();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const ns = Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { cpu: ns / 1e6, faults: Number(fields[7]) });
    } catch {
      // a thread that ended meanwhile
    }
  }
  return out;
}
