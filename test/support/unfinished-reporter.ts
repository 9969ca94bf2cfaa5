import type { Reporter, TestModule } from 'vitest/node';

/**
 * Names the test files, and the tests in them, that never finished: what a
 * test process that died (a crash in native code, the kernel's OOM killer)
 * leaves behind. Vitest itself says only "Worker exited unexpectedly"; this
 * prints which file, last, where CI's tail shows it. Read from each test's
 * final state at the end of the run (events can arrive after their file's
 * end, so counting them misreports a file that finished).
 */
export default class UnfinishedReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const root = `${process.cwd()}/`;
    const lines: string[] = [];
    for (const module of modules) {
      const unfinished = [...module.children.allTests()].filter((test) => test.result().state === 'pending');
      if (unfinished.length === 0 && module.state() !== 'pending') continue;
      const file = module.moduleId.replace(root, '');
      lines.push(`  - ${file}${unfinished.length > 0 ? `, never finished: ${unfinished.map((test) => test.fullName).join(' | ')}` : ' (before its first test)'}`);
    }
    if (lines.length === 0) return;
    console.log('\nTest files whose process ended before they finished:');
    for (const line of lines) console.log(line);
  }
}
