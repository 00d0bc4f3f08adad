import { execFileSync } from 'node:child_process';
import os from 'node:os';

function git(cwd: string, args: readonly string[]): string | null {
  try {
    return (
      execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null
    );
  } catch {
    return null; // not a repository, or git is not installed: callers fall back
  }
}

/** Who pushes, for the audit log: `--author`, else git's user.name, else the OS user. */
export function defaultAuthor(cwd: string, explicit: string | undefined): string {
  return explicit ?? git(cwd, ['config', 'user.name']) ?? os.userInfo().username;
}

/**
 * The commit message a push records: `--message`, else the last git commit touching the file
 * (`a1b2c3d Make greeting friendlier`), marked when the file has changes not committed yet.
 */
export function defaultCommitMessage(cwd: string, file: string, explicit: string | undefined): string | null {
  if (explicit !== undefined) return explicit;
  const last = git(cwd, ['log', '-1', '--format=%h %s', '--', file]);
  if (!last) return null;
  const dirty = git(cwd, ['status', '--porcelain', '--', file]);
  return dirty ? `${last} (+ uncommitted changes)` : last;
}
