/** What the walk-through prints: a heading per phase, indented detail, and the summary at the end. */
export class DemoReport {
  private readonly outcomes: { phase: string; lines: string[] }[] = [];

  phase(name: string, goal: string): void {
    console.log(`\n━━ ${name} ━━ ${goal}`);
    this.outcomes.push({ phase: name, lines: [] });
  }

  /** A detail shown now, indented under the current phase. */
  detail(text: string): void {
    for (const line of text.trimEnd().split('\n')) console.log(`   ${line}`);
  }

  /** An outcome shown now and repeated in the summary. */
  outcome(text: string): void {
    console.log(` ✓ ${text}`);
    this.outcomes.at(-1)?.lines.push(text);
  }

  summary(consoleUrl: string): string {
    const lines = ['', '━━ What happened ━━'];
    for (const { phase, lines: outcomes } of this.outcomes) {
      lines.push(`${phase}:`);
      for (const outcome of outcomes) lines.push(`  - ${outcome}`);
    }
    lines.push('', `See all of it in the console: ${consoleUrl}`);
    return lines.join('\n');
  }
}
