// Attribute and JSON keys whose values are credentials whatever they look like: the value of
// `http.request.header.authorization` or `{"password": "hunter2"}` carries no keyword of its own.
const secretKeyPattern =
  /(?:^|[^a-z0-9])(?:passw(?:or)?d|passphrase|secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|authorization|cookie|credentials?)$|(?:access|auth|refresh|session|id|api|bearer|csrf|oauth|github|gitlab|slack|hf|npm)[_-]?token$/i;

// Keys come from a small vocabulary (attribute names, JSON fields), so answers are memoised; the
// cache is cleared when full so that unbounded key sets (ids used as keys) cannot grow it forever.
const maxCachedKeys = 4096;
const cache = new Map<string, boolean>();

/**
 * True when a key names a credential: it ends in password, passwd, passphrase, secret, api key,
 * access key, private key, authorization, cookie or credentials (after a separator or at the
 * start), or in `token` after a qualifier (access, auth, refresh, session, id, api, bearer, csrf,
 * oauth...). A bare `token` is not (it is also a logprob's text), nor are `max_tokens`, `eos_token`,
 * `token_count` or `password_hash`.
 * @example isSecretKeyName('http.request.header.authorization') // true
 */
export function isSecretKeyName(key: string): boolean {
  let secret = cache.get(key);
  if (secret === undefined) {
    secret = secretKeyPattern.test(key);
    if (cache.size >= maxCachedKeys) cache.clear();
    cache.set(key, secret);
  }
  return secret;
}
