import { readFileSync } from 'node:fs';

/** The hand-written support-question corpus (five base topics plus 'mobile') from core's drift test support. */
export interface SupportQuestions {
  topics: Record<'billing' | 'login' | 'api' | 'export' | 'pricing' | 'mobile', string[]>;
}

export function loadSupportQuestions(): SupportQuestions {
  const file = new URL('../../../../../core/src/drift/test-support/support-questions.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8')) as SupportQuestions;
}

export const baseTopics = ['billing', 'login', 'api', 'export', 'pricing'] as const;
