/** Wall and CPU time of one timed region. */
export interface Elapsed {
  readonly seconds: number;
  /** User + system CPU time of this process (all its threads) over the region. */
  readonly cpuSeconds: number;
}

/**
 * Starts timing. Wall time is what the reports rank by; CPU time is reported beside it because
 * on a shared, oversubscribed machine a single-threaded run's CPU time is far less inflated by
 * other processes than its wall time (it includes V8's helper threads, e.g. concurrent GC).
 */
export function startStopwatch(): { stop(): Elapsed } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  return {
    stop() {
      const seconds = (performance.now() - wall) / 1000;
      const used = process.cpuUsage(cpu);
      return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
    },
  };
}
