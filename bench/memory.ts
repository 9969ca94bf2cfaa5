import { readFileSync } from 'node:fs';

export interface MemoryReading {
  /** Resident set size now, bytes. */
  rss: number;
  /** The kernel's high-water mark of the resident set, bytes. */
  hwm: number;
}

/** VmRSS and VmHWM of a live process from /proc; undefined once it is gone. */
export function readMemory(pid: number): MemoryReading | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Samples a process's RSS every `intervalMs`; `finish()` also reads the kernel's peak (VmHWM). */
export class MemorySampler {
  private timer: NodeJS.Timeout;
  private maxRss = 0;
  private lastHwm = 0;
  samples = 0;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  sample(): MemoryReading | undefined {
    const reading = readMemory(this.pid);
    if (reading) {
      this.samples++;
      if (reading.rss > this.maxRss) this.maxRss = reading.rss;
      if (reading.hwm > this.lastHwm) this.lastHwm = reading.hwm;
    }
    return reading;
  }

  /** Peak RSS seen by sampling so far, bytes. */
  get sampledPeak(): number {
    return this.maxRss;
  }

  /** Kernel high-water mark at the last sample, bytes. */
  get hwm(): number {
    return this.lastHwm;
  }

  /** Stops sampling; call while the process still runs so VmHWM can be read. */
  finish(): { sampledPeak: number; hwm: number; samples: number } {
    this.sample();
    clearInterval(this.timer);
    return { sampledPeak: this.maxRss, hwm: this.lastHwm, samples: this.samples };
  }
}

export function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}
