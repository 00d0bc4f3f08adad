// Where the user came from, so Esc on a trace returns to the same filtered list with the same row selected.

let lastListUrl = '/traces';
let lastOpenedTraceId: string | null = null;

export function rememberList(url: string, openedTraceId: string | null): void {
  lastListUrl = url;
  lastOpenedTraceId = openedTraceId;
}

export function lastList(): { url: string; openedTraceId: string | null } {
  return { url: lastListUrl, openedTraceId: lastOpenedTraceId };
}
