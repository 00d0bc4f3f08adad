import type { EmbeddingMatrix } from './embedding-matrix.js';

/**
 * Pairwise squared Euclidean distances ‖x_i − x_j‖² = ‖x_i‖² + ‖x_j‖² − 2 x_i·x_j for j < i, stored
 * row-major at [i · N + j] of an N × N Float32Array; the diagonal and upper triangle stay 0. One
 * triangle halves the work, and float32 halves the memory the permutation loops read.
 */
export function squaredDistanceMatrix(matrix: EmbeddingMatrix): Float32Array {
  const { rows, columns } = matrix;
  const padded = padRows(matrix);
  const norms = new Float64Array(padded.length / Math.max(1, columns));
  for (let row = 0; row < rows; row++) norms[row] = dotRows(padded, row, row, columns);
  const distances = new Float32Array(rows * rows);
  const dots = new Float64Array(8);
  for (let i = 0; i < rows; i += 4) {
    for (let j = 0; j < i + 4; j += 2) {
      dotBlock(padded, i, j, columns, dots);
      for (let a = 0; a < 4; a++) {
        for (let b = 0; b < 2; b++) {
          const row = i + a;
          const column = j + b;
          if (row >= rows || column >= row) continue;
          distances[row * rows + column] = Math.max(0, norms[row]! + norms[column]! - 2 * dots[a * 2 + b]!);
        }
      }
    }
  }
  return distances;
}

/** Copy with zero rows appended up to a multiple of 4, so the 4 × 2 block kernel needs no edge cases. */
function padRows({ data, rows, columns }: EmbeddingMatrix): Float64Array {
  const paddedRows = Math.ceil(rows / 4) * 4;
  const padded = new Float64Array(paddedRows * columns);
  padded.set(data.subarray(0, rows * columns));
  return padded;
}

function dotRows(data: Float64Array, first: number, second: number, columns: number): number {
  let sum = 0;
  const a = first * columns;
  const b = second * columns;
  for (let k = 0; k < columns; k++) sum += data[a + k]! * data[b + k]!;
  return sum;
}

/**
 * Dot products of rows i..i+3 with rows j, j+1 into `out` (row-major 4 × 2). Sharing each load across
 * eight accumulators makes this about twice as fast as one dot product at a time in V8.
 */
function dotBlock(data: Float64Array, i: number, j: number, columns: number, out: Float64Array): void {
  const r0 = i * columns;
  const r1 = r0 + columns;
  const r2 = r1 + columns;
  const r3 = r2 + columns;
  const c0 = j * columns;
  const c1 = c0 + columns;
  let s00 = 0,
    s01 = 0,
    s10 = 0,
    s11 = 0,
    s20 = 0,
    s21 = 0,
    s30 = 0,
    s31 = 0;
  for (let k = 0; k < columns; k++) {
    const v = data[c0 + k]!;
    const w = data[c1 + k]!;
    const a0 = data[r0 + k]!;
    const a1 = data[r1 + k]!;
    const a2 = data[r2 + k]!;
    const a3 = data[r3 + k]!;
    s00 += a0 * v;
    s01 += a0 * w;
    s10 += a1 * v;
    s11 += a1 * w;
    s20 += a2 * v;
    s21 += a2 * w;
    s30 += a3 * v;
    s31 += a3 * w;
  }
  out[0] = s00;
  out[1] = s01;
  out[2] = s10;
  out[3] = s11;
  out[4] = s20;
  out[5] = s21;
  out[6] = s30;
  out[7] = s31;
}
