import type { Reporter, TestCase, TestModule } from 'vitest/node';

/**
 * Names the test files, and the tests in them, that started but never
 * reported an end: what a test process that died (a crash in native code,
 * the kernel's OOM killer) leaves behind. Vitest itself says only "Worker
 * exited unexpectedly"; this prints which file, last, where CI's tail shows it.
 */
export default class UnfinishedReporter implements Reporter {
  private readonly running = new Map<string, Set<string>>();

  onTestModuleStart(module: TestModule): void {
    this.running.set(module.moduleId, new Set());
  }

  onTestCaseReady(test: TestCase): void {
    this.running.get(test.module.moduleId)?.add(test.fullName);
  }

  onTestCaseResult(test: TestCase): void {
    this.running.get(test.module.moduleId)?.delete(test.fullName);
  }

  onTestModuleEnd(module: TestModule): void {
    // A module whose process died still "ends"; what it held running tells the two apart.
    if (this.running.get(module.moduleId)?.size === 0) this.running.delete(module.moduleId);
  }

  onTestRunEnd(): void {
    if (this.running.size === 0) return;
    const root = `${process.cwd()}/`;
    console.log('\nTest files whose process ended before they finished:');
    for (const [file, tests] of this.running) {
      console.log(`  - ${file.replace(root, '')}${tests.size > 0 ? `, while running: ${[...tests].join(' | ')}` : ' (before its first test)'}`);
    }
  }
}
