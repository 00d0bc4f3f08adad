#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests and benchmarks: no systemd, no system-wide state.
#   scripts/postgres-cluster.sh start DIR   -> creates DIR, starts a server, prints its URL
#   scripts/postgres-cluster.sh stop DIR    -> stops that server and removes DIR
# As root the server runs as `nobody` (PostgreSQL refuses to run as root).
set -euo pipefail
command_name=${1:?usage: postgres-cluster.sh start|stop DIR}
dir=${2:?usage: postgres-cluster.sh start|stop DIR}

bindir=$(pg_config --bindir 2>/dev/null || true)
for candidate in "$bindir" /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
done
[ -x "$bindir/initdb" ] || { echo "postgres-cluster: initdb not found; install PostgreSQL (apt-get install postgresql)" >&2; exit 1; }

as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

case "$command_name" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown nobody "$dir"
    as_server_user "$bindir/initdb" -D "$dir/data" -U sextant --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    # Tuned for throwaway test data: durability of a test cluster is not worth fsync time.
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
      "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=256MB" >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    as_server_user "$bindir/createdb" -h 127.0.0.1 -p "$port" -U sextant sextant
    echo "postgres://sextant@127.0.0.1:$port/sextant"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: postgres-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
