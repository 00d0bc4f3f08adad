import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tiny GGUF model tests run on: TinyStories 260K (MIT), kept outside the repository. */
export const testModel = {
  name: 'stories260K.gguf',
  sha256: '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d',
};

const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * Path of the test model: `SEXTANT_TEST_MODEL`, else `../shared/models/stories260K.gguf` beside the
 * repository. Throws, naming the file, when it is missing or is not the expected model.
 */
export function findTestModel(): string {
  const file = path.resolve(
    process.env.SEXTANT_TEST_MODEL ?? path.join(repositoryRoot, '../shared/models', testModel.name),
  );
  if (!fs.existsSync(file)) {
    throw new Error(`test model ${file} is missing; set SEXTANT_TEST_MODEL to a copy of ${testModel.name}`);
  }
  const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  if (sha256 !== testModel.sha256) {
    throw new Error(
      `refusing ${file}: its sha256 is ${sha256}, but ${testModel.name} has ${testModel.sha256}`,
    );
  }
  return file;
}
