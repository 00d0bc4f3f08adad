/** Sextant's version, reported by /api/health and the CLI. */
export const version = '0.1.0';
