#!/usr/bin/env bash
# The portal's benchmark: builds Release, starts the portal on 127.0.0.1 with a fresh database, warms it up, drives
# load and prints one table — each figure, its target, and its ratio to a limit measured in the same run (absolute
# figures drift on a shared machine; the ratios much less). README.md, "Benchmarks", says what each row means.
#
#   bench/run.sh [--postgres] [--quick] [--seconds N] [--warmup N] [--rounds N] [--scale-rows N] [--no-scale]
#
#   --postgres      PostgreSQL on the local cluster (a throwaway role and databases, dropped at the end) instead of SQLite
#   --quick         a short run: 3 s per measurement, 5 s warm-up, one round, 100,000 rows for the scale figure
#   --seconds N     seconds per measurement (10)          --warmup N   warm-up seconds for each load (30)
#   --rounds N      every measurement is taken N times (2); the table shows the mean and the spread between rounds
#   --scale-rows N  key packs in the large database of the scale figure (1000000); --no-scale leaves that figure out
#
# Load: wrk (2 threads, 16 connections) for the API and the static file; bench/Clearinghouse.Bench (a small C# driver)
# for the web flow, the raw commit rate and the bulk load. Installs wrk and jq when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."

provider=sqlite duration=10 warmup=30 rounds=2 scale_rows=1000000 scale=1
while (($#)); do
    case $1 in
        --postgres) provider=postgres ;;
        --quick) duration=3 warmup=5 rounds=1 scale_rows=100000 ;;
        --seconds) duration=$2; shift ;;
        --warmup) warmup=$2; shift ;;
        --rounds) rounds=$2; shift ;;
        --scale-rows) scale_rows=$2; shift ;;
        --no-scale) scale=0 ;;
        *) echo "usage: bench/run.sh [--postgres] [--quick] [--seconds N] [--warmup N] [--rounds N] [--scale-rows N] [--no-scale]" >&2; exit 2 ;;
    esac
    shift
done

port=${BENCH_PORT:-5300}
base="http://127.0.0.1:$port"
connections=16 threads=2 servers=16 clients=8
work=$(mktemp -d)
server_pid=""
scale_pids=()
pg_role=""

say() { printf '%s\n' "$*" >&2; }

stop_portal() {
    if [[ -n $server_pid ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
stop_scale_portals() {
    for pid in "${scale_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    scale_pids=()
}
cleanup() {
    stop_portal
    stop_scale_portals
    if [[ -n $pg_role ]]; then
        su postgres -c "psql -qAt -p $pg_port" >/dev/null 2>&1 <<SQL || true
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname) FROM pg_database
 WHERE datdba = (SELECT oid FROM pg_roles WHERE rolname = '$pg_role') \gexec
DROP ROLE IF EXISTS "$pg_role";
SQL
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# --- Tools -----------------------------------------------------------------------------------------------------------
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v jq >/dev/null || missing+=(jq)
command -v curl >/dev/null || missing+=(curl)
if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]]; then
        say "installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
    else
        say "bench: install ${missing[*]} (apt-get install ${missing[*]})"
        exit 1
    fi
fi

say "building Release (portal and bench driver)"
dotnet build src/Clearinghouse.Web -c Release -nologo -v quiet -clp:NoSummary >/dev/null
dotnet build bench/Clearinghouse.Bench -c Release -nologo -v quiet -clp:NoSummary >/dev/null
driver=bench/Clearinghouse.Bench/bin/Release/net10.0/Clearinghouse.Bench

# --- Databases -------------------------------------------------------------------------------------------------------
if [[ $provider == postgres ]]; then
    # As test.sh does: the newest installed cluster, a throwaway role owning throwaway databases.
    pg_version=$(ls /usr/lib/postgresql | sort -n | tail -1)
    pg_ctlcluster "$pg_version" main start 2>/dev/null || true
    pg_port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1 == v && $2 == "main" { print $3 }')
    pg_role="clearinghouse_bench_$(date +%s)_$$"
    pg_password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
    su postgres -c "psql -q -p $pg_port -v ON_ERROR_STOP=1" >/dev/null <<SQL
CREATE ROLE "$pg_role" LOGIN CREATEDB PASSWORD '$pg_password';
SQL
fi

# fresh_database NAME: prints the connection string of a new, empty database.
fresh_database() {
    if [[ $provider == postgres ]]; then
        su postgres -c "psql -q -p $pg_port -v ON_ERROR_STOP=1" >/dev/null <<<"CREATE DATABASE \"${pg_role}_$1\" OWNER \"$pg_role\";"
        echo "Host=127.0.0.1;Port=$pg_port;Username=$pg_role;Password=$pg_password;Database=${pg_role}_$1"
    else
        echo "Data Source=$work/$1.db"
    fi
}

# --- The portal --------------------------------------------------------------------------------------------------------
# start_portal CONNECTION: starts it on a fresh database and sets startup_ms (launch to the first page served).
# Production settings, but plain HTTP on loopback and the schema applied at start (a deploy step elsewhere).
# The rate limits are lifted (their bursts made endless): the bench is one client address hammering a few servers.
start_portal() {
    local db_provider=Sqlite
    [[ $provider == postgres ]] && db_provider=PostgreSql
    local started; started=$(date +%s%N)
    ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        Database__MigrateOnStartup=true Https__Redirect=false Https__SecureCookies=false \
        Database__Provider=$db_provider ConnectionStrings__Clearinghouse="$1" \
        RateLimits__NewRequestsBurst=1000000000 RateLimits__ApiRequestsBurstPerClient=1000000000 \
        RateLimits__ApiRequestsBurstPerServer=1000000000 \
        dotnet src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll --urls "$base" >>"$work/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        if curl -fs -o /dev/null "$base/"; then
            startup_ms=$((($(date +%s%N) - started) / 1000000))
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    say "bench: the portal did not start; its log:"
    tail -20 "$work/server.log" >&2
    exit 1
}

# activate N: activates N license servers through the API; writes "id credential" lines to $work/servers.
activate() {
    : >"$work/servers"
    for i in $(seq 1 "$1"); do
        curl -fs -X POST "$base/api/v1/license-servers" -H 'Content-Type: application/json' \
            -d '{"productId": "00490-92005-99454-AT527", "operatingSystem": "windows-server-2025",
                 "company": {"firstName": "Bench", "lastName": "Mark", "companyName": "Load Lab", "countryRegion": "US"}}' |
            jq -r '"\(.licenseServerId) \(.credential)"' >>"$work/servers"
    done
}

calls_body='{"kind": "install", "licenseProgram": "enterprise-agreement", "agreementNumber": "1234567", "productVersion": "windows-server-2022", "calType": "rds-per-user", "quantity": 25}'

# issue_one: a key pack for the first server, through the API; sets server_id, credential, key_pack.
issue_one() {
    read -r server_id credential <"$work/servers"
    key_pack=$(curl -fs -X POST "$base/api/v1/license-servers/$server_id/cal-requests" -H "Authorization: Bearer $credential" \
        -H 'Content-Type: application/json' -d "$calls_body" | jq -r .keyPackId)
    [[ $key_pack =~ ^[A-Z0-9-]{41}$ ]] || { say "bench: could not issue a key pack"; exit 1; }
    cat >"$work/install.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $credential"
wrk.body = '{"keyPackId": "$key_pack"}'
LUA
    install_url="$base/api/v1/license-servers/$server_id/key-pack-installations"
}

# issue_script TAG: a wrk script that issues key packs, each POST with its own Idempotency-Key; thread t of $threads
# takes every $threads-th server, so that no two threads request for the same server at once.
issue_script() {
    {
        echo "local servers = {"
        while read -r id cred; do echo "  {\"$id\", \"$cred\"},"; done <"$work/servers"
        echo "}"
        cat <<LUA
-- tid is a global: thread:set() in setup() sets each thread's global, and a local of the same name would hide it
-- (every thread would then send the same Idempotency-Keys, and half the measured requests would be replays).
local threads, counter = $threads, 0
tid = 0
local created = 0
function setup(thread) thread:set("tid", created); created = created + 1 end
function request()
  counter = counter + 1
  local per = math.floor(#servers / threads)
  local s = servers[tid + threads * (counter % per) + 1]
  return wrk.format("POST", "/api/v1/license-servers/" .. s[1] .. "/cal-requests", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. s[2],
    ["Idempotency-Key"] = "$1-" .. tid .. "-" .. counter,
  }, '$calls_body')
end
LUA
    } >"$work/issue-$1.lua"
    echo "$work/issue-$1.lua"
}

# wrk_run SECONDS ARGS...: prints "rps p50ms p99ms errors".
wrk_run() {
    local seconds=$1; shift
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" | awk '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        /Non-2xx/ { errors += $NF }
        /Socket errors/ { errors += 0 }
        / requests in / { count = $1 }
        END { printf "%.1f %.3f %.3f %d %d\n", rps, p50, p99, errors, count }'
}

# The portal's processor time so far (user + system), in clock ticks; and per operation, in ms, between two readings.
# Less disturbed by other work on a shared machine than a rate: what a request costs, not how often it got the CPU.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
clock_hz=$(getconf CLK_TCK)
per_op() { awk -v a="$1" -v b="$2" -v n="$3" -v hz="$clock_hz" 'BEGIN { printf "%.2f", (n > 0 ? 1000 * (b - a) / hz / n : 0) }'; }

# driver_field KEY LINE: the value of KEY=… in a driver line.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p"; }

# write_turns: seconds SQLite's one write turn has been held so far (the portal's /metrics; 0 on PostgreSQL).
write_turns() {
    curl -fs "$base/metrics" | awk '$1 ~ /^clearinghouse_sqlite_write_turn_duration_seconds_sum/ { s += $2 } END { printf "%.6f\n", s + 0 }'
}

# --- The main run: one fresh database, everything but the scale figure -------------------------------------------------
main_db=$(fresh_database main)
say "starting the portal ($provider) on $base"
start_portal "$main_db"
main_startup_ms=$startup_ms
activate "$servers"
issue_one
static_url="$base/favicon.svg"
curl -fs -o /dev/null "$static_url"

# Each load is warmed up for the whole warm-up time: .NET's tiered JIT (and its profile-guided recompilation) takes
# tens of seconds under load to reach the code a long-running portal runs, and a path warmed for a few seconds was
# measured at half its steady rate (issuance alone: 178/s in its first 8 s, about 395/s after 30 s).
say "warming up each load for ${warmup}s"
wrk_run "$warmup" "$static_url" >/dev/null
wrk_run "$warmup" -s "$work/install.lua" "$install_url" >/dev/null
wrk_run "$warmup" -s "$(issue_script warm)" "$base" >/dev/null
"$driver" flows "$base" "$warmup" "$clients" "$server_id" >/dev/null || true

commit_target=$work
if [[ $provider == postgres ]]; then commit_target=$main_db; fi
say "measuring: $rounds round(s) of ${duration}s per figure"
: >"$work/rounds"
: >"$work/cpu"
: >"$work/limits"
for round in $(seq 1 "$rounds"); do
    t0=$(cpu_ticks)
    read -r static_rps _ _ static_err static_n < <(wrk_run "$duration" "$static_url")
    t1=$(cpu_ticks)
    read -r install_rps _ _ install_err install_n < <(wrk_run "$duration" -s "$work/install.lua" "$install_url")
    t2=$(cpu_ticks)
    turns0=$(write_turns)
    read -r issue_rps _ _ issue_err issue_n < <(wrk_run "$duration" -s "$(issue_script "r$round")" "$base")
    turns1=$(write_turns)
    t3=$(cpu_ticks)
    commits=$("$driver" commits "$provider" "$commit_target" "$(((duration + 1) / 2))")
    t4=$(cpu_ticks)
    flows=$("$driver" flows "$base" "$duration" "$clients" "$server_id") || true
    t5=$(cpu_ticks)
    echo "$round $static_rps $install_rps $issue_rps $(field rate "$commits") $(field rate "$flows") $((static_err + install_err + issue_err + $(field errors "$flows")))" >>"$work/rounds"
    echo "$(per_op "$t0" "$t1" "$static_n") $(per_op "$t1" "$t2" "$install_n") $(per_op "$t2" "$t3" "$issue_n") $(per_op "$t4" "$t5" "$(field count "$flows")")" >>"$work/cpu"
    # The limits each rate meets: the write turn's time per key pack (SQLite allows one writer), and the processor
    # per flow of the portal and of the driver beside it (they share the machine's cores).
    echo "$turns0 $turns1 $duration $issue_n $(field processor_ms "$flows") $(field count "$flows")" >>"$work/limits"
    say "  round $round: static $static_rps/s, install $install_rps/s, issue $issue_rps/s, raw commits $(field rate "$commits")/s, flows $(field rate "$flows")/s"
done
hwm_kb=$(awk '/VmHWM/ { print $2 }' "/proc/$server_pid/status")
stop_portal

# --- Scale: installation p99 at 1,000 and at --scale-rows key packs, each a fresh database loaded in SQL ---------------
# Both portals run side by side (ports +1 and +2) and their measurements alternate, so that a slow minute on a shared
# machine falls on both figures of the ratio, not on one.
scale_rows_done=""
if ((scale)); then
    declare -A scale_url=()
    for rows in 1000 "$scale_rows"; do
        db=$(fresh_database "k$rows")
        say "scale: $rows key packs"
        base="http://127.0.0.1:$((port + ${#scale_pids[@]} + 1))"
        start_portal "$db"
        scale_pids+=("$server_pid")
        server_pid=""
        activate 1
        issue_one
        canonical=${key_pack//-/}
        load=$("$driver" load "$provider" "$db" "$canonical" "$((rows - 1))")
        say "  loaded $((rows - 1)) in $(field seconds "$load")s"
        cp "$work/install.lua" "$work/install-$rows.lua"
        scale_url[$rows]=$install_url
        wrk_run "$(((warmup + 5) / 6))" -s "$work/install-$rows.lua" "$install_url" >/dev/null
        echo "$rows $("$driver" size "$provider" "$db")" >>"$work/scale-sizes"
    done
    for round in $(seq 1 "$rounds"); do
        for rows in 1000 "$scale_rows"; do
            read -r _ _ p99 _ < <(wrk_run "$duration" -s "$work/install-$rows.lua" "${scale_url[$rows]}")
            echo "$rows $p99" >>"$work/scale-p99s"
        done
    done
    stop_scale_portals
    # One line per database: rows, size, and its p99 in each round.
    while read -r rows size; do
        echo "$rows $size $(awk -v r="$rows" '$1 == r { printf "%s%s", sep, $2; sep = " " }' "$work/scale-p99s")" >>"$work/scale"
    done <"$work/scale-sizes"
    scale_rows_done=$scale_rows
fi

# --- The table ---------------------------------------------------------------------------------------------------------
# mean and spread (max-min as a share of the mean) of column $1 of the rounds file
stat() { awk -v c="$1" '{ v = $c; s += v; if (NR == 1 || v < lo) lo = v; if (NR == 1 || v > hi) hi = v } END { m = s / NR; printf "%.1f %.0f\n", m, (m > 0 ? 100 * (hi - lo) / m : 0) }' "$work/rounds"; }
# per-round ratio of column $1 to column $2 (times $3): mean and spread
ratio() { awk -v a="$1" -v b="$2" -v k="${3:-1}" '{ r = k * $a / $b; s += r; if (NR == 1 || r < lo) lo = r; if (NR == 1 || r > hi) hi = r } END { m = s / NR; printf "%.2f %.0f\n", m, (m > 0 ? 100 * (hi - lo) / m : 0) }' "$work/rounds"; }

read -r static_m static_s < <(stat 2)
read -r install_m install_s < <(stat 3)
read -r issue_m issue_s < <(stat 4)
read -r commits_m commits_s < <(stat 5)
read -r flows_m flows_s < <(stat 6)
read -r install_r install_rs < <(ratio 3 2)
read -r issue_r issue_rs < <(ratio 4 5)
read -r flows_r flows_rs < <(ratio 6 2 9)
errors=$(awk '{ e += $7 } END { print e + 0 }' "$work/rounds")
hwm_mb=$((hwm_kb / 1024))

# mean of column $1 of the processor-time file
cpu() { awk -v c="$1" '{ s += $c } END { printf "%.2f ms", s / NR }' "$work/cpu"; }

# The write turn during issuance: its busy share, ms held per key pack, and the rate at which it would be busy all the
# time. The processor per flow: the driver's, and the rate the machine's cores allow with the portal's beside it.
read -r turn_busy turn_ms turn_ceiling < <(awk '{ held = $2 - $1; b += held / $3; m += (n = $4) > 0 ? 1000 * held / n : 0 } END {
    b /= NR; m /= NR; printf "%.0f %.2f %.0f\n", 100 * b, m, (m > 0 ? 1000 / m : 0) }' "$work/limits")
driver_ms=$(awk '{ s += ($6 > 0 ? $5 / $6 : 0) } END { printf "%.2f", s / NR }' "$work/limits")
portal_flow_ms=$(awk '{ s += $4 } END { printf "%.2f", s / NR }' "$work/cpu")
flows_ceiling=$(awk -v p="$portal_flow_ms" -v d="$driver_ms" -v c="$(nproc)" 'BEGIN { printf "%.0f", (p + d > 0 ? 1000 * c / (p + d) : 0) }')

row() { printf '%-46s %14s %12s %-36s %-8s %s\n' "$@"; }
echo
echo "Clearinghouse benchmark — $provider, $(nproc) cores, ${rounds} round(s) of ${duration}s, warm-up ${warmup}s, $(date -u +%Y-%m-%dT%H:%MZ)"
row "figure" "measured" "target" "ratio to the same-run limit" "spread" "portal processor per operation"
row "static file (GET /favicon.svg), the limit" "$static_m/s" "" "" "±$static_s%" "$(cpu 1)"
row "1 key pack installation, repeat (API)" "$install_m/s" "≥ 0.75" "$install_r of the static file" "±$install_rs%" "$(cpu 2)"
row "2 key pack issuance, automatic (API)" "$issue_m/s" "≥ 2000/s" "$issue_r of raw commits" "±$issue_rs%" "$(cpu 3)"
row "  raw single-row durable commits, the limit" "$commits_m/s" "" "" "±$commits_s%"
if [[ $provider == sqlite ]]; then
    row "  SQLite's one write turn: busy, per key pack" "$turn_busy%" "" "$turn_ms ms per key pack: ≤ $turn_ceiling/s" ""
fi
row "3 Manage CALs web flows (9 requests each)" "$flows_m/s" "≥ 250/s" "$flows_r of the static file (×9)" "±$flows_rs%" "$(cpu 4) per flow"
row "  processor: portal + driver, $(nproc) cores" "≤ $flows_ceiling/s" "" "driver $driver_ms ms per flow" ""
if [[ -n $scale_rows_done ]]; then
    read -r small_rows small_size small_p99s < <(sed -n 1p "$work/scale")
    read -r large_rows large_size large_p99s < <(sed -n 2p "$work/scale")
    small_p99=$(tr ' ' '\n' <<<"$small_p99s" | awk '{ s += $1 } END { printf "%.2f", s / NR }')
    large_p99=$(tr ' ' '\n' <<<"$large_p99s" | awk '{ s += $1 } END { printf "%.2f", s / NR }')
    row "4 installation p99 at $large_rows key packs" "${large_p99} ms" "≤ 1.5×" "$(awk -v a="$large_p99" -v b="$small_p99" 'BEGIN { printf "%.2f", a / b }')× the p99 at $small_rows (${small_p99} ms)" ""
    row "  database size per key pack" "$(awk -v a="$large_size" -v b="$small_size" -v n="$((large_rows - small_rows))" 'BEGIN { printf "%.0f B", (a - b) / n }')" "" "$((large_size / 1048576)) MB at $large_rows" ""
fi
row "5 peak working set (VmHWM) under load" "$hwm_mb MB" "< 300 MB" "$(awk -v m="$hwm_mb" 'BEGIN { printf "%.2f", m / 300 }') of the target" ""
row "  start-up to the first page (fresh database)" "$main_startup_ms ms" "" "" ""
if ((errors)); then
    echo "non-2xx answers or failed flows during the measurements: $errors (see the portal's log)"
fi
