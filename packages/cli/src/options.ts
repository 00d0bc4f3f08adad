import { defaultDatabasePath } from '@sextant/store';
import { Option } from 'commander';

/** `--db`, shared by commands that open the store directly. */
export const databaseOption = () =>
  new Option('--db <location>', 'store location: a SQLite file path, or postgres://user:password@host/db')
    .env('SEXTANT_DB')
    .default(defaultDatabasePath);

/** `--url`, for commands that talk to a running server. */
export const urlOption = () =>
  new Option('--url <url>', 'Sextant server URL').env('SEXTANT_URL').default('http://127.0.0.1:4318');

export const apiKeyOption = () =>
  new Option('--api-key <key>', 'API key of the project').env('SEXTANT_API_KEY');

export const jsonOption = () => new Option('--json', 'print JSON instead of a table');
