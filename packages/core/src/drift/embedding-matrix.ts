import { SextantError } from '../errors.js';

/** Embedding vectors (Float32Array or number[]), all of the same dimension. */
export type EmbeddingVectors = readonly ArrayLike<number>[];

/** Rows packed contiguously (row-major) so inner loops read memory sequentially. */
export interface EmbeddingMatrix {
  data: Float64Array;
  rows: number;
  columns: number;
}

/** Packs the selected rows (all rows by default) into one row-major matrix, checking dimensions. */
export function packEmbeddings(vectors: EmbeddingVectors, indexes?: readonly number[]): EmbeddingMatrix {
  const selected = indexes ?? vectors.map((_, index) => index);
  const columns = vectors[0]?.length ?? 0;
  const data = new Float64Array(selected.length * columns);
  selected.forEach((vectorIndex, row) => {
    const vector = vectors[vectorIndex];
    if (!vector || vector.length !== columns) {
      throw new SextantError(
        'bad_request',
        `embedding ${vectorIndex} has ${vector?.length ?? 0} dimensions, expected ${columns}; use one embedder per comparison`,
      );
    }
    for (let column = 0; column < columns; column++) data[row * columns + column] = vector[column]!;
  });
  return { data, rows: selected.length, columns };
}

/** Stacks two matrices of the same width (reference rows first). */
export function stackMatrices(top: EmbeddingMatrix, bottom: EmbeddingMatrix): EmbeddingMatrix {
  if (top.rows > 0 && bottom.rows > 0 && top.columns !== bottom.columns) {
    throw new SextantError(
      'bad_request',
      `reference embeddings have ${top.columns} dimensions and current ones ${bottom.columns}; they must match`,
    );
  }
  const data = new Float64Array(top.data.length + bottom.data.length);
  data.set(top.data);
  data.set(bottom.data, top.data.length);
  return { data, rows: top.rows + bottom.rows, columns: Math.max(top.columns, bottom.columns) };
}

/** Scales every row to unit Euclidean length in place (zero rows stay zero). */
export function normalizeRows(matrix: EmbeddingMatrix): void {
  for (let row = 0; row < matrix.rows; row++) {
    const offset = row * matrix.columns;
    let squares = 0;
    for (let column = 0; column < matrix.columns; column++) squares += matrix.data[offset + column]! ** 2;
    const scale = squares > 0 ? 1 / Math.sqrt(squares) : 0;
    for (let column = 0; column < matrix.columns; column++) matrix.data[offset + column]! *= scale;
  }
}
