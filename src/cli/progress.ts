import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar on a terminal; on a pipe or in CI a line every tenth of the
 * way, so logs stay readable.
 */
export function progress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let nextReport = total / 10;
  return {
    update(done) {
      if (done >= nextReport || done === total) {
        stream.write(`${label}: ${done}/${total}\n`);
        while (nextReport <= done) nextReport += total / 10;
      }
    },
    stop() {},
  };
}
