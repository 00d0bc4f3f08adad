/** A one-line progress bar on stderr: redrawn in place on a terminal, a line every 10% otherwise (CI logs). */
export function createProgressBar(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDecile = -1;
  return {
    update(done: number, failed: number) {
      const share = total === 0 ? 1 : done / total;
      const elapsed = (Date.now() - started) / 1000;
      const eta = done === 0 ? '' : ` eta ${Math.max(0, Math.round((elapsed / done) * (total - done)))}s`;
      const rate =
        elapsed > 0 && done > 0 ? ` ${(done / elapsed).toFixed(done / elapsed >= 10 ? 0 : 1)}/s` : '';
      const text = `${label} ${done}/${total}${failed > 0 ? ` (${failed} errors)` : ''}${rate}${done < total ? eta : ` in ${elapsed.toFixed(1)}s`}`;
      if (stream.isTTY) {
        const width = 24;
        const filled = Math.round(share * width);
        stream.write(
          `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}\u001b[K${done === total ? '\n' : ''}`,
        );
        return;
      }
      const decile = Math.floor(share * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${text}\n`);
      }
    },
  };
}
