#!/usr/bin/env bash
# Soak: sustained mixed load on a Release build on 127.0.0.1 for a bounded time, then the invariants.
#   bench/soak.sh [seconds] [workers-per-kind]      (defaults: 180 s, 2)
# Load: Manage CALs walked through the web forms (antiforgery and all), key packs issued through the API (automatic
# method), and key pack IDs from the web installed through the API, each by its own workers, until the time is up.
# Then: no answer was a 5xx, every key pack answered with success is present and installs on its server, and the
# SQLite file passes PRAGMA integrity_check. Exits 1 when an invariant fails. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-180}
workers=${2:-2}
port=${SOAK_PORT:-5310}
base="http://127.0.0.1:$port"
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

echo "building Release"
dotnet build src/Clearinghouse.Web -c Release -nologo -v quiet >/dev/null
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Database__MigrateOnStartup=true Https__Redirect=false Https__SecureCookies=false \
    ConnectionStrings__Clearinghouse="Data Source=$work/soak.db" \
    RateLimits__NewRequestsBurst=1000000 RateLimits__ApiRequestsBurstPerClient=1000000 \
    RateLimits__ApiRequestsBurstPerServer=1000000 \
    dotnet src/Clearinghouse.Web/bin/Release/net10.0/Clearinghouse.Web.dll --urls "$base" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 60); do curl -fs "$base/readyz" >/dev/null && break; sleep 1; done
curl -fs "$base/readyz" >/dev/null || { echo "soak: the portal did not start" >&2; cat "$work/server.log" >&2; exit 1; }

deadline=$(($(date +%s) + seconds))
statuses="$work/statuses"   # one HTTP status a line, from every request of every worker
: >"$statuses"

# A web client: curl with its own cookie jar. post <jar> <path> <fields…> GETs the form for its token, posts it and
# prints the redirect target.
token() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
post() {
    local jar=$1 path=$2; shift 2
    local page; page=$(curl -s -b "$jar" -c "$jar" -w '\n%{http_code}' "$base$path")
    echo "${page##*$'\n'}" >>"$statuses"
    local t; t=$(token <<<"$page")
    local fields=(--data-urlencode "__RequestVerificationToken=$t")
    for field in "$@"; do fields+=(--data-urlencode "$field"); done
    local out; out=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$jar" -c "$jar" "${fields[@]}" "$base$path")
    echo "${out%% *}" >>"$statuses"
    echo "${out#* }"
}
# A License Server ID from elsewhere: letters outside the issuing alphabet, so the site takes it without asking.
server_id() { python3 -c 'import random; print("A0" + "".join(random.choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(33)))'; }
agreement() { echo $((RANDOM % 9000000 + 1000000)); }

web_worker() { # walks Manage CALs until the deadline; appends "keyPackId serverId" to web.$1
    local jar="$work/jar.$1" out="$work/web.$1"; : >"$out"
    while (($(date +%s) < deadline)); do
        rm -f "$jar"
        local sid; sid=$(server_id)
        local next; next=$(post "$jar" /manage-cals "Input.TargetLicenseServerId=$sid" Input.ReasonCode=replaced \
            Input.LicenseProgramCode=select-license)
        local request; request=$(echo "$next" | sed -n 's|.*/manage-cals/\([^/]*\)/contact|\1|p')
        [[ -n $request ]] || continue
        post "$jar" "/manage-cals/$request/contact" Input.LastName=Soak Input.FirstName=Sam Input.CompanyName='<b>Lab</b>' \
            Input.CountryRegionCode=US >/dev/null
        post "$jar" "/manage-cals/$request/program" "Input.AgreementNumber=$(agreement)" Input.ProductVersionCode=windows-server-2022 \
            Input.CalTypeCode=rds-per-user Input.Quantity=10 >/dev/null
        post "$jar" "/manage-cals/$request/review" >/dev/null
        local page; page=$(curl -s -b "$jar" -w '\n%{http_code}' "$base/manage-cals/$request/result")
        echo "${page##*$'\n'}" >>"$statuses"
        local kp; kp=$(sed -n 's/.*id="key-pack-id">\([^<]*\)<.*/\1/p' <<<"$page")
        [[ -n $kp ]] && echo "$kp $sid" >>"$out"
    done
}

api_worker() { # activates a server, then requests CALs until the deadline; appends "keyPackId" to api.$1
    local out="$work/api.$1"; : >"$out"
    local activated; activated=$(curl -s -H 'Content-Type: application/json' -d "{\"productId\":\"00490-92005-99454-AT5$((10 + $1))\",
        \"operatingSystem\":\"windows-server-2022\",\"company\":{\"firstName\":\"Ada\",\"lastName\":\"Soak\",
        \"companyName\":\"Lab\",\"countryRegion\":\"US\"}}" "$base/api/v1/license-servers")
    local sid; sid=$(sed -n 's/.*"licenseServerId":"\([^"]*\)".*/\1/p' <<<"$activated")
    local credential; credential=$(sed -n 's/.*"credential":"\([^"]*\)".*/\1/p' <<<"$activated")
    echo "$sid $credential" >"$work/server.$1"
    while (($(date +%s) < deadline)); do
        local answer; answer=$(curl -s -w '\n%{http_code}' -H "Authorization: Bearer $credential" -H 'Content-Type: application/json' \
            -d "{\"kind\":\"install\",\"licenseProgram\":\"enterprise-agreement\",\"agreementNumber\":\"$(agreement)\",
                 \"productVersion\":\"windows-server-2022\",\"calType\":\"rds-per-user\",\"quantity\":5}" \
            "$base/api/v1/license-servers/$sid/cal-requests")
        local status=${answer##*$'\n'}
        echo "$status" >>"$statuses"
        [[ $status == 201 ]] && sed -n 's/.*"keyPackId":"\([^"]*\)".*/\1/p' <<<"$answer" >>"$out"
    done
}

install_worker() { # installs (again and again) the key packs the web workers issued, until the deadline
    while (($(date +%s) < deadline)); do
        local line; line=$(cat "$work"/web.* 2>/dev/null | shuf -n 1 || true)
        if [[ -z $line ]]; then sleep 0.2; continue; fi
        curl -s -o /dev/null -w '%{http_code}\n' -H 'Content-Type: application/json' -d "{\"keyPackId\":\"${line%% *}\"}" \
            "$base/api/v1/license-servers/${line#* }/key-pack-installations" >>"$statuses"
    done
}

echo "soaking for ${seconds}s: $workers web, $workers API and $workers install workers"
pids=()
for i in $(seq 1 "$workers"); do
    web_worker "$i" & pids+=($!)
    api_worker "$i" & pids+=($!)
    install_worker & pids+=($!)
done
wait "${pids[@]}"

failed=0
total=$(wc -l <"$statuses")
server_errors=$(grep -c '^5' "$statuses" || true)
web_issued=$(cat "$work"/web.* | wc -l)
api_issued=$(cat "$work"/api.* | wc -l)
echo "requests: $total ($(sort "$statuses" | uniq -c | awk '{printf "%s×%s ", $1, $2}'))"
echo "key packs answered: $web_issued through the web flow, $api_issued through the API"
((server_errors == 0)) || { echo "FAIL: $server_errors answers were 5xx" >&2; failed=1; }

missing=0
for i in $(seq 1 "$workers"); do # every API key pack is listed on its server
    read -r sid credential <"$work/server.$i"
    listed=$(curl -s -H "Authorization: Bearer $credential" "$base/api/v1/license-servers/$sid/key-packs")
    while read -r kp; do grep -q "\"$kp\"" <<<"$listed" || missing=$((missing + 1)); done <"$work/api.$i"
done
while read -r kp sid; do # every web key pack installs on its server
    status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "{\"keyPackId\":\"$kp\"}" \
        "$base/api/v1/license-servers/$sid/key-pack-installations")
    [[ $status == 200 ]] || missing=$((missing + 1))
done < <(cat "$work"/web.*)
((missing == 0)) || { echo "FAIL: $missing answered key packs are missing or do not install" >&2; failed=1; }

kill "$server"; wait "$server" 2>/dev/null || true
integrity=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA integrity_check").fetchone()[0])' "$work/soak.db")
[[ $integrity == ok ]] || { echo "FAIL: integrity_check says $integrity" >&2; failed=1; }
grep -E '^(fail|crit):' "$work/server.log" >&2 && { echo "FAIL: the portal logged errors" >&2; failed=1; }
((failed == 0)) && echo "soak passed: no 5xx, every answered key pack present and installable, integrity_check ok"
exit "$failed"
