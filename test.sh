#!/usr/bin/env bash
# The one test command, for developers and CI alike:
#   1. installs what the tests need when it is missing (system packages only when run as root, e.g. on CI), and
#      starts a local PostgreSQL cluster with a throwaway role and database for this run (dropped at the end);
#   2. builds the solution once;
#   3. runs every test project under tests/, one .trx per project in TestResults/;
#   4. ends with the totals from the .trx files: "N passed, N failed" (", N skipped" when any were).
# Exits non-zero when the build or any test fails.
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

solution=Clearinghouse.sln
results="$PWD/TestResults"
browser_tests=tests/Clearinghouse.BrowserTests

say() { printf '==> %s\n' "$*"; }

# --- 1. What the tests need ------------------------------------------------------------------------------------
apt_packages=()
# PostgreSQL: the server database the data-layer and HTTP tests also run on. A developer may point the tests at a
# server of their own instead by setting CLEARINGHOUSE_TEST_POSTGRES (a connection string for a role with CREATEDB).
if [[ -z ${CLEARINGHOUSE_TEST_POSTGRES:-} ]] && ! command -v pg_ctlcluster >/dev/null; then
    apt_packages+=(postgresql)
fi
# docker-compose (Debian's 1.29): checks and renders docker-compose.yml with `config`, no Docker engine needed. Without
# it those tests are skipped (and counted as skipped below).
command -v docker-compose >/dev/null || apt_packages+=(docker-compose)
if [[ -d $browser_tests ]]; then
    command -v chromium >/dev/null || apt_packages+=(chromium)
    if [[ -f $browser_tests/package-lock.json && ! -d $browser_tests/node_modules ]] && ! command -v npm >/dev/null; then
        apt_packages+=(nodejs npm)
    fi
fi
if ((${#apt_packages[@]} > 0)); then
    if [[ $(id -u) -eq 0 ]]; then
        say "installing ${apt_packages[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q && apt-get install -y -q --no-install-recommends "${apt_packages[@]}" || {
            echo "test.sh: could not install ${apt_packages[*]}" >&2
            exit 1
        }
    else
        echo "test.sh: missing ${apt_packages[*]}; install them (apt-get install ${apt_packages[*]}) or run as root" >&2
    fi
fi
if [[ -f $browser_tests/package-lock.json && ! -d $browser_tests/node_modules ]]; then
    say "npm ci in $browser_tests"
    (cd "$browser_tests" && npm ci --no-audit --no-fund) || exit 1
fi

# A throwaway role and database on a local cluster, for this run only.
pg_role=""
drop_postgres_role() {
    [[ -n $pg_role ]] || return 0
    su postgres -c "psql -qAt -p $pg_port -v ON_ERROR_STOP=1" >/dev/null 2>&1 <<SQL
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname) FROM pg_database
 WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '$pg_role') \gexec
DROP ROLE IF EXISTS "$pg_role";
SQL
}
if [[ -z ${CLEARINGHOUSE_TEST_POSTGRES:-} ]]; then
    if [[ $(id -u) -ne 0 ]] || ! command -v pg_ctlcluster >/dev/null; then
        echo "test.sh: the PostgreSQL tests need a server: run this as root (it installs and starts one), or set" >&2
        echo "         CLEARINGHOUSE_TEST_POSTGRES to a connection string for a role with CREATEDB" >&2
    else
        # The newest installed version's cluster: created when missing, started when down.
        pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
        if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main"' | grep -q .; then
            say "creating PostgreSQL $pg_version cluster"
            pg_createcluster "$pg_version" main >/dev/null || exit 1
        fi
        if ! pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
            say "starting PostgreSQL $pg_version"
            pg_ctlcluster "$pg_version" main start || exit 1
        fi
        pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" { print $3 }')
        pg_role="clearinghouse_test_$(date +%s)_$$"
        pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
        trap drop_postgres_role EXIT
        su postgres -c "psql -q -p $pg_port -v ON_ERROR_STOP=1" >/dev/null <<SQL || { echo "test.sh: could not create a PostgreSQL role" >&2; exit 1; }
CREATE ROLE "$pg_role" LOGIN CREATEDB PASSWORD '$pg_password';
CREATE DATABASE "$pg_role" OWNER "$pg_role";
SQL
        export CLEARINGHOUSE_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$pg_role;Password=$pg_password;Database=$pg_role"
        say "PostgreSQL $pg_version on 127.0.0.1:$pg_port, role $pg_role"
    fi
fi

say "dotnet tool restore"
dotnet tool restore >/dev/null || exit 1

# --- 2. Build once -------------------------------------------------------------------------------------------------
rm -rf "$results"
say "building $solution"
if ! dotnet build "$solution" -nologo -v quiet -clp:NoSummary; then
    echo "test.sh: the build failed" >&2
    exit 1
fi

# --- 3. Every test project -----------------------------------------------------------------------------------------
status=0
mapfile -t projects < <(find tests -mindepth 2 -maxdepth 2 -name '*.csproj' | sort)
if ((${#projects[@]} == 0)); then
    echo "test.sh: no test project under tests/" >&2
    status=1
fi
for project in "${projects[@]}"; do
    name=$(basename "$project" .csproj)
    if ! grep -q "\"${project//\//\\\\}\"" "$solution"; then
        echo "test.sh: $project is not in $solution, so it was not built; add it (dotnet sln add $project)" >&2
        status=1
        continue
    fi
    say "testing $name"
    # A hung test ends its run after 10 minutes instead of CI's whole time.
    dotnet test "$project" --no-build --nologo \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" \
        --blame-hang-timeout 10m --blame-hang-dump-type none || status=1
    if [[ ! -f $results/$name.trx ]]; then
        echo "test.sh: $name left no results ($results/$name.trx)" >&2
        status=1
    fi
done

# --- 4. Totals -------------------------------------------------------------------------------------------------------
shopt -s nullglob
trx_files=("$results"/*.trx)
if ((${#trx_files[@]} > 0)); then
    # <Counters total=".." executed=".." passed=".." failed=".." error=".." timeout=".." aborted=".." notExecuted=".." …/>
    # A skipped xUnit test is counted in total but not in executed (its notExecuted stays 0).
    read -r passed failed skipped < <(
        grep -ho '<Counters [^>]*>' "${trx_files[@]}" | awk '
            function count(name,   m) { return match($0, " " name "=\"[0-9]+\"") ? substr($0, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0 : 0 }
            { p += count("passed"); f += count("failed") + count("error") + count("timeout") + count("aborted"); s += count("total") - count("executed") }
            END { print p + 0, f + 0, s + 0 }')
    ((failed > 0)) && status=1
    if ((skipped > 0)); then
        echo "$passed passed, $failed failed, $skipped skipped"
    else
        echo "$passed passed, $failed failed"
    fi
fi
exit "$status"
