import { SextantError } from '@sextant/core';
import { version } from '@sextant/server';
import { Command, CommanderError } from 'commander';
import { CommandExit } from './command-exit.js';
import { registerAlertCommands } from './commands/alerts.js';
import { registerCanaryCommands } from './commands/canaries.js';
import { registerDatasetCommands } from './commands/datasets.js';
import { registerDbCommands } from './commands/db.js';
import { registerDriftCommands } from './commands/drift.js';
import { registerEvalCommand } from './commands/eval.js';
import { registerEvalsCommands } from './commands/evals.js';
import { registerExperimentCommands } from './commands/experiments.js';
import { registerKeyCommands } from './commands/keys.js';
import { registerModelCommands } from './commands/models.js';
import { registerProjectCommands } from './commands/projects.js';
import { registerPromptCommands } from './commands/prompts.js';
import { registerReleaseCommands } from './commands/releases.js';
import { registerRetentionCommands } from './commands/retention.js';
import { registerReviewCommands } from './commands/reviews.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTraceCommands } from './commands/traces.js';

/** Exit codes: 0 success, 1 the command failed, 2 the command line was wrong. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** Builds the `sextant` program; exported so tests run it in-process. */
export function buildProgram(): Command {
  const program = new Command('sextant')
    .description('Sextant: operate generative-AI applications (traces, evaluation, releases, monitoring)')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerServeCommand(program);
  registerProjectCommands(program);
  registerKeyCommands(program);
  registerTraceCommands(program);
  registerPromptCommands(program);
  registerReleaseCommands(program);
  registerModelCommands(program);
  registerDatasetCommands(program);
  registerEvalCommand(program);
  registerCanaryCommands(program);
  registerEvalsCommands(program);
  registerRetentionCommands(program);
  registerReviewCommands(program);
  registerAlertCommands(program);
  registerDriftCommands(program);
  registerExperimentCommands(program);
  registerDbCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code instead of exiting, so callers decide. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[]);
    return exitCodes.ok;
  } catch (error) {
    if (error instanceof CommandExit) return error.exitCode;
    if (error instanceof CommanderError) {
      // Help and version are "errors" to commander; they already printed.
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    }
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!(error instanceof SextantError) && process.env.SEXTANT_DEBUG) console.error(error);
    return exitCodes.failed;
  }
}
