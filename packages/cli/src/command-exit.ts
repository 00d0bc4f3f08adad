/** Ends a command with a chosen exit code after it printed its own output (e.g. `sextant eval`: 1 gate failed). */
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'CommandExit';
  }
}
