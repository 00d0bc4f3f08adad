import { SextantError } from '@sextant/core';
import type { Command } from 'commander';
import { apiKeyOption, urlOption } from '../options.js';
import { createApiRequest } from '../registry-client.js';
import { print } from './projects.js';

interface Setting {
  days: number | null;
  updatedAt: string | null;
}

const describe = (setting: Setting) =>
  setting.days === null
    ? 'Retention is off: traces, scores and job history are kept forever.'
    : `Traces, scores and finished jobs older than ${setting.days} days are deleted (hourly sweep).`;

const parseDays = (value: string): number | null => {
  if (value === 'off') return null;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    throw new SextantError(
      'bad_request',
      `'${value}' is not a retention; give whole days from 1 to 3650, or 'off'`,
    );
  }
  return days;
};

export function registerRetentionCommands(program: Command) {
  const retention = program
    .command('retention')
    .description("The project's retention: how long traces, scores and job history are kept");

  retention
    .command('show')
    .description('Show the retention of the project')
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .action(async (options: { url: string; apiKey?: string }) => {
      print(describe(await createApiRequest(options.url, options.apiKey)<Setting>('GET', '/api/retention')));
    });

  retention
    .command('set <days>')
    .description("Keep this many days (1-3650), or 'off' to keep everything; the change is audited")
    .addOption(urlOption())
    .addOption(apiKeyOption())
    .addHelpText('after', '\nExamples:\n  sextant retention set 30\n  sextant retention set off')
    .action(async (days: string, options: { url: string; apiKey?: string }) => {
      const setting = await createApiRequest(options.url, options.apiKey)<Setting>('PUT', '/api/retention', {
        days: parseDays(days),
      });
      print(describe(setting));
    });
}
