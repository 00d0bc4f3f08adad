// What the `sextant models` commands share: a store opened for one command, the project option.
import { CredentialCipher, ModelService, ProjectService } from '@sextant/server';
import { openStore } from '@sextant/store';
import { InvalidArgumentError, Option } from 'commander';

export interface StoreOptions {
  db: string;
  project: string;
}

export const projectOption = () =>
  new Option('--project <id>', 'project whose own models, aliases and credentials to use').default('default');

export const parseNumber = (value: string) => {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0)
    throw new InvalidArgumentError(`'${value}' is not a number >= 0`);
  return number;
};

/** Runs with the model garden of a store, closing it afterwards. */
export async function withModels<T>(
  options: StoreOptions,
  work: (models: ModelService) => Promise<T>,
): Promise<T> {
  const store = openStore(options.db);
  try {
    return await work(new ModelService(store, CredentialCipher.forStore(store.location)));
  } finally {
    await store.close();
  }
}

export async function requireProject(options: StoreOptions) {
  const store = openStore(options.db);
  try {
    await new ProjectService(store).requireProject(options.project);
  } finally {
    await store.close();
  }
}
