#!/usr/bin/env bash
# Load figures for the portal's hot paths, measured with wrk against a Release build on 127.0.0.1.
#   bench/run.sh [seconds-per-measurement] [warm-up-seconds]
# The machine is shared and noisy: compare the ratios it prints between runs, not absolute figures.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
warmup=${2:-30}
port=${BENCH_PORT:-5300}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

if ! command -v wrk >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y -q wrk >/dev/null; else echo "bench: install wrk (apt-get install wrk)" >&2; exit 1; fi
fi

echo "building Release"
dotnet build src/Clearinghouse.Web -c Release -nologo -v quiet >/dev/null
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    ConnectionStrings__Clearinghouse="Data Source=$work/bench.db" \
    dotnet src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll --urls "$base" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "$base/" >/dev/null && break; sleep 1; done

# One request walked through the wizard with curl (antiforgery token and cookie included).
jar="$work/cookies"
token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
post() { # post <path> <form fields...>: GETs the form for its token, posts it, prints the redirect target
    local path=$1; shift
    local t; t=$(curl -fs -b "$jar" -c "$jar" "$base$path" | token)
    local fields=(--data-urlencode "__RequestVerificationToken=$t")
    for field in "$@"; do fields+=(--data-urlencode "$field"); done
    curl -s -o /dev/null -w '%{redirect_url}' -b "$jar" -c "$jar" "${fields[@]}" "$base$path"
}
server_id=1234567890ABCDEFGHIJKLMNOPQRSTUVWXY
next=$(post /manage-cals "Input.TargetLicenseServerId=$server_id" Input.ReasonCode=replaced Input.LicenseProgramCode=select-license)
request=$(echo "$next" | sed -n 's|.*/manage-cals/\([^/]*\)/contact|\1|p')
post "/manage-cals/$request/contact" Input.LastName=Bench Input.FirstName=Mark Input.CompanyName=Lab Input.CountryRegionCode=US >/dev/null
post "/manage-cals/$request/program" Input.AgreementNumber=1234567 Input.ProductVersionCode=windows-server-2022 \
    Input.CalTypeCode=rds-per-user Input.Quantity=10 >/dev/null
post "/manage-cals/$request/review" >/dev/null
key_pack=$(curl -fs "$base/manage-cals/$request/result" | sed -n 's/.*id="key-pack-id">\([^<]*\)<.*/\1/p')
[[ -n $key_pack ]] || { echo "bench: could not issue a key pack" >&2; exit 1; }

cat >"$work/install.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"keyPackId": "$key_pack"}'
LUA
install_url="$base/api/v1/license-servers/$server_id/key-pack-installations"
curl -fs -X POST -H 'Content-Type: application/json' -d "{\"keyPackId\": \"$key_pack\"}" "$install_url" >/dev/null

echo "warming up for ${warmup}s"
wrk -t2 -c16 -d"${warmup}s" "$base/manage-cals/$request/contact" >/dev/null
wrk -t2 -c16 -d"$((warmup / 2 + 1))s" -s "$work/install.lua" "$install_url" >/dev/null

measure() { # measure <name> <wrk args...>: prints requests/s and latency percentiles
    local name=$1; shift
    local out; out=$(wrk -t2 -c16 -d"${duration}s" --latency "$@")
    local rps; rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    local p50; p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    local p99; p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    local errors; errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
    printf '%-44s %10s req/s   p50 %-9s p99 %-9s %s\n' "$name" "$rps" "$p50" "$p99" "$errors" >&2
    echo "$rps"
}
echo "measuring ${duration}s each, 2 threads, 16 connections"
home=$(measure "GET / (no database)" "$base/")
contact=$(measure "GET contact step (draft read, 249 countries)" "$base/manage-cals/$request/contact")
result=$(measure "GET result page (key pack + country read)" "$base/manage-cals/$request/result")
install=$(measure "POST key-pack installation (repeat)" -s "$work/install.lua" "$install_url")
awk -v h="$home" -v c="$contact" -v r="$result" -v i="$install" 'BEGIN {
    printf "ratios to GET /: contact step %.2f, result page %.2f, installation %.2f\n", c / h, r / h, i / h }'
