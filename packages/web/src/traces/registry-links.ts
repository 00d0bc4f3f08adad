// Links from traces to the prompt and release pages, kept tiny: the trace list (initial bundle) uses them.

/** The prompt page at the version a span was made with (versions are numbers; anything else is shown whole). */
export function promptHref(name: string, version: string | null): string {
  const path = `/prompts/${encodeURIComponent(name)}`;
  return version && /^\d+$/.test(version) ? `${path}?version=${version}` : path;
}

/** The release page of a `NAME@VERSION` release id. */
export function releaseHref(releaseId: string): string {
  const at = releaseId.lastIndexOf('@');
  const name = at > 0 ? releaseId.slice(0, at) : releaseId;
  const version = at > 0 ? releaseId.slice(at + 1) : '';
  const path = `/releases/${encodeURIComponent(name)}`;
  return /^\d+$/.test(version) ? `${path}?version=${version}` : path;
}
