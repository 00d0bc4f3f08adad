export { defaultDatabasePath, openStore } from './open-store.js';
export type { OpenDatabaseOptions } from './sqlite/open-database.js';
export { openSqliteStore } from './sqlite/sqlite-store.js';
export type { ApiKeyRecord, Project, Store, TraceDetail } from './store.js';
