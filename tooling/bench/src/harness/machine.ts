import { cpus, freemem, loadavg, totalmem } from 'node:os';

/** The machine facts every report carries, so a figure is never read without its context. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly date: string;
  /** 1, 5 and 15-minute load averages when the run started (other work on a shared machine). */
  readonly loadAverageAtStart: readonly number[];
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((freemem() / 2 ** 30) * 10) / 10,
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
    loadAverageAtStart: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

export function currentLoad(): number[] {
  return loadavg().map((v) => Math.round(v * 100) / 100);
}
