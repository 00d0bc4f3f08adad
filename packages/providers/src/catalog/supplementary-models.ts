import type { ModelsDevSnapshot } from './models-dev-snapshot.js';

/**
 * Embedding models, which the models.dev snapshot does not list, with their providers' published list
 * prices (US dollars per million input tokens). Merged into the bundled catalog only.
 */
export const supplementaryModels: ModelsDevSnapshot = {
  openai: {
    id: 'openai',
    models: {
      'text-embedding-3-small': embedding(
        'text-embedding-3-small',
        'Text Embedding 3 Small',
        0.02,
        8191,
        '2024-01-25',
      ),
      'text-embedding-3-large': embedding(
        'text-embedding-3-large',
        'Text Embedding 3 Large',
        0.13,
        8191,
        '2024-01-25',
      ),
      'text-embedding-ada-002': embedding(
        'text-embedding-ada-002',
        'Text Embedding Ada 002',
        0.1,
        8191,
        '2022-12-15',
      ),
    },
  },
  google: {
    id: 'google',
    models: {
      'gemini-embedding-001': embedding(
        'gemini-embedding-001',
        'Gemini Embedding 001',
        0.15,
        2048,
        '2025-07-14',
      ),
    },
  },
};

function embedding(id: string, name: string, input: number, context: number, releaseDate: string) {
  return {
    id,
    name,
    release_date: releaseDate,
    modalities: { input: ['text'], output: ['embedding'] },
    open_weights: false,
    cost: { input, output: 0 },
    limit: { context, output: 0 },
  };
}
