// A job node in a process of its own, for the kill -9 test: runs `test.slow` jobs until it is killed.
// Each job sleeps, then records its completion in the transaction that completes it.
import { JobRunner } from '../../../src/jobs/index.js';
import { createStore, openDatabase } from '../../../src/store/index.js';

const env = process.env;
const store = createStore(await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR! }));
const node = env.NODE_ID!;
const runner = new JobRunner(store, { nodeId: node, pollMs: 50, log: { info() {}, warn() {}, error() {} } });
runner.register<{ ms: number }>('test.slow', {
  concurrency: 5,
  leaseMs: Number(env.LEASE_MS),
  async run({ ms }, ctx) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await ctx.complete(async (trx) => {
      await trx.insertInto('test_completions' as any).values({ job_id: ctx.jobId, node }).execute();
    });
  },
});
await runner.start();
process.stdout.write('ready\n');
setInterval(() => {}, 60_000);
