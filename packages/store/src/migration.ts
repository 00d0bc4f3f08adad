/** One schema step. Versions are consecutive; a released migration is never edited, only followed. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}
