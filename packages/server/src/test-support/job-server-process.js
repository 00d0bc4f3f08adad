// A Sextant server as its own process, on the built packages, running online-evaluation jobs in small
// batches so the crash test can kill it (SIGKILL) in the middle of one. Usage: node job-server-process.js DB
import { createOnlineEvalJob, JobRunner, startServer } from '@sextant/server';
import { openSqliteStore } from '@sextant/store';

const store = openSqliteStore(process.argv[2]);
const running = await startServer({ store, port: 0, jobs: false, logError: () => {} });
const runner = new JobRunner({ store, pollMs: 20, leaseMs: 1500 });
runner.register('online-eval.run', createOnlineEvalJob({ batchSize: 5 }));
runner.start();
process.stdout.write(`ready ${running.url}\n`);
process.once('SIGTERM', async () => {
  await runner.stop();
  await running.close();
  await store.close();
  process.exit(0);
});
