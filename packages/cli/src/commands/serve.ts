import { fileURLToPath } from 'node:url';
import { startServer, version } from '@sextant/server';
import { openStore } from '@sextant/store';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { databaseOption } from '../options.js';

/** The console built in this repository: packages/web/dist, beside this package. */
const defaultConsoleDirectory = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const parsePort = (value: string) => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InvalidArgumentError(`'${value}' is not a port; use a whole number from 0 to 65535`);
  }
  return port;
};

const parseCount = (value: string) => {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0 || count > 64)
    throw new InvalidArgumentError(`'${value}' is not a count from 0 to 64`);
  return count;
};

const parseBytes = (value: string) => {
  const bytes = Number(value);
  if (!Number.isInteger(bytes) || bytes < 1024)
    throw new InvalidArgumentError(`'${value}' is not a byte count of at least 1024`);
  return bytes;
};

export function registerServeCommand(program: Command) {
  program
    .command('serve')
    .description('Run Sextant: OTLP ingestion, API and console on one port')
    .addOption(databaseOption())
    .option(
      '--host <host>',
      'address to listen on (non-loopback addresses need an API key to exist)',
      '127.0.0.1',
    )
    .option('--port <port>', 'port to listen on', parsePort, 4318)
    .option('--max-body-bytes <bytes>', 'largest accepted request body', parseBytes, 16 * 1024 * 1024)
    .option(
      '--ingest-workers <n>',
      'threads that decode and store OTLP batches (0: the HTTP thread)',
      parseCount,
      2,
    )
    .addOption(
      new Option('--console-dir <path>', 'folder of the built web console')
        .env('SEXTANT_CONSOLE_DIR')
        .default(defaultConsoleDirectory, 'packages/web/dist'),
    )
    .addHelpText('after', '\nExample:\n  sextant serve --port 4318 --db ./.sextant/sextant.db')
    .action(
      async (options: {
        db: string;
        host: string;
        port: number;
        maxBodyBytes: number;
        consoleDir: string;
        ingestWorkers: number;
      }) => {
        // The server copies the WAL into the database on a thread of its own (see startServer).
        const store = openStore(options.db, { sqlite: { walCheckpoints: 'background' } });
        let running: Awaited<ReturnType<typeof startServer>>;
        try {
          running = await startServer({
            store,
            host: options.host,
            port: options.port,
            maxBodyBytes: options.maxBodyBytes,
            ingestWorkers: options.ingestWorkers,
            consoleDirectory: options.consoleDir,
          });
        } catch (error) {
          await store.close();
          throw error;
        }
        printBanner(running.url, store.location, running.bootstrapKey);
        await waitForSignal();
        process.stdout.write('shutting down\n');
        await running.close();
        await store.close();
      },
    );
}

function printBanner(url: string, location: string, bootstrapKey: string | null) {
  const lines = [
    `Sextant ${version} listening on ${url}`,
    `  OTLP traces   ${url}/v1/traces`,
    `  console       ${url}/`,
    `  API           ${url}/api  (OpenAPI: ${url}/api/openapi.json)`,
    `  store         ${location}`,
  ];
  if (bootstrapKey) {
    lines.push(
      '',
      "Created project 'default'. Its API key is shown only now; save it:",
      `  ${bootstrapKey}`,
      '',
      'Send traces with:',
      `  OTEL_EXPORTER_OTLP_ENDPOINT=${url} OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ${bootstrapKey}"`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
