#!/usr/bin/env bash
# Walks the README demo against a freshly started local stack (command 1) and stops it again. Run by .ci/run;
# exits non-zero if any step fails. Needs curl and python3 (for reading JSON), both on the build machines.
# A background job ignores SIGINT, so the stack is stopped with SIGTERM, which runs the same clean shutdown.
set -euo pipefail
cd "$(dirname "$0")/.."
home=$(mktemp -d /tmp/cascade-smoke.XXXXXX)
log="$home/stack.log"
export CASCADE_HOME="$home"
# ports of their own, so the smoke test can run beside a local stack on the default ports
export CASCADE_KAFKA_PORT=${SMOKE_KAFKA_PORT:-19092} CASCADE_MONGODB_PORT=${SMOKE_MONGODB_PORT:-27117}
export CASCADE_SMTP_PORT=${SMOKE_SMTP_PORT:-2625} CASCADE_MAILBOX_PORT=${SMOKE_MAILBOX_PORT:-8125}
export PLAN_SERVICE_PORT=18081 REPORT_SERVICE_PORT=18082 AGGREGATION_SERVICE_PORT=18083 NOTIFICATION_SERVICE_PORT=18084
export CASCADE_IDENTITY_PORT=${SMOKE_IDENTITY_PORT:-19000} CASCADE_PORTAL_PORT=${SMOKE_PORTAL_PORT:-18080}
portal=http://localhost:$CASCADE_PORTAL_PORT
plan=localhost:$PLAN_SERVICE_PORT report=localhost:$REPORT_SERVICE_PORT aggregation=localhost:$AGGREGATION_SERVICE_PORT
mailbox=localhost:$CASCADE_MAILBOX_PORT issuer=http://localhost:$CASCADE_IDENTITY_PORT

fail() { echo "SMOKE FAILED: $*" >&2; echo "--- last lines of the stack's output:" >&2; tail -n 40 "$log" >&2 || true; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" 2>/dev/null; }
# the README's curl line: a demo user's access token from the local identity provider
token() { curl -fsS -u cascade-cli:cascade-cli-secret -d grant_type=urn:cascade:grant-type:demo-user \
  -d "username=$1" -d password=demo "$issuer/oauth2/token" | json "d['access_token']"; }

# asks "$3 …" (a command printing one value) once a second until it prints "$2", for at most "$1" seconds; leaves the
# last answer in $got ("none" when the command failed)
await_value() {
  local seconds=$1 expected=$2
  shift 2
  for _ in $(seq 1 "$seconds"); do
    got=$("$@") || got=none
    [ "$got" = "$expected" ] && return 0
    sleep 1
  done
  return 1
}

# starts command 1 (with the environment given as arguments) into $log and waits until it is ready
start_stack() {
  started=$(date +%s)
  env "$@" deploy/local.sh >"$log" 2>&1 &
  stack=$!
  trap 'kill -TERM $stack 2>/dev/null || true; wait $stack 2>/dev/null || true' EXIT
  for _ in $(seq 1 180); do
    grep -q "^Ready in" "$log" && break
    kill -0 $stack 2>/dev/null || fail "the local stack exited"
    sleep 1
  done
  grep -q "^Ready in" "$log" || fail "the local stack was not ready after 180 s"
  echo "local stack ready in $(( $(date +%s) - started )) s ($(grep '^Ready in' "$log"))"
}
# stops it, and fails on an unclean stop or on a stack trace in its output (an expected condition is one line naming
# what and why, never a stack trace)
stop_stack() {
  kill -TERM $stack
  wait $stack || true
  trap - EXIT
  grep -q "^Stopped." "$log" || fail "the stack did not stop cleanly"
  trace=$(grep -nE '^[[:space:]]+at [[:alnum:]_$.]+\(|^Caused by: ' "$log" | head -1 || true)
  if [ -n "$trace" ]; then
    line=${trace%%:*}
    echo "SMOKE FAILED: command 1 printed a stack trace at line $line of its output:" >&2
    sed -n "$(( line > 5 ? line - 5 : 1 )),$(( line + 5 ))p" "$log" >&2
    exit 1
  fi
  echo "command 1 printed no stack trace ($(wc -l < "$log") lines)"
}

# the demo day before the reform (README: CASCADE_CLOCK=2024-12-07T09:00:00+07:00): district 294's season of 2024
echo "demo day before the reform (7/12/2024):"
start_stack CASCADE_HOME="$home" CASCADE_CLOCK=2024-12-07T09:00:00+07:00

# the portal: its URL printed first, healthy, and a person who opens it is sent to log in at the identity provider
grep -q "PORTAL .*$portal" "$log" || fail "the stack did not print the portal's URL $portal"
code=$(curl -sS -o /dev/null -w '%{http_code}' $portal/actuator/health)
[ "$code" = 200 ] || fail "portal health answered $code"
login=$(curl -sS -L -o /dev/null -w '%{url_effective}' $portal/)
[ "$login" = "$issuer/login" ] || fail "opening the portal did not lead to the identity provider's login: $login"
echo "portal: $portal (health 200, sends people to $login)"

viewer=$(token viewer-30) || fail "no token for viewer-30"
clerk=$(token reporter-10813) || fail "no token for reporter-10813"
ministry=$(token viewer-BGDDT) || fail "no token for viewer-BGDDT"
viewer_ministry=$ministry
[ -n "$clerk" ] || fail "empty token for reporter-10813"

code=$(curl -sS -o /dev/null -w '%{http_code}' $plan/plans)
[ "$code" = 401 ] || fail "GET /plans without a token answered $code, expected 401"

plan_id=$(curl -fsS -H "Authorization: Bearer $viewer" $plan/plans | json "[p for p in d if p['programme']=='TH-GDNN-ANNUAL'][0]['planId']") \
  || fail "the demo plan is not listed"
echo "demo plan: $plan_id"

# "Ready" comes once every service has read the demo plans: what they answer is asked once, at once, never awaited
open_under_294() { curl -fsS -H "Authorization: Bearer $viewer" "$report/obligations?under=294&status=OPEN" | json "len(d)"; }
got=$(open_under_294) || got=none
[ "$got" = 16 ] || fail "right after Ready: expected 16 open obligations under district 294, got $got"
expected_2024() { curl -fsS -H "Authorization: Bearer $ministry" $aggregation/aggregates/TH-GDNN-ANNUAL/2024/BGDDT \
    | json "str(d['completeness']['received'])+'/'+str(d['completeness']['expected'])"; }
got=$(expected_2024) || got=none
[ "$got" = 0/16 ] || fail "right after Ready: the ministry aggregate of 2024 shows $got received, expected 0/16"

# the seed plans across the 2025 reform: Uông Bí's interim review (2023-2027) is owed by the three wards that took over
# its ten communes, to the province (22) that took over the abolished city's role; Cần Thơ's by its propaganda board
uongbi="['06811:22:06811,06817,06820,06826:True', '06820:22:06808,06814,06820,06823:True', '06832:22:06829,06832,06835:False']"
uongbi_obligations() { curl -fsS -H "Authorization: Bearer $viewer_ministry" "$report/obligations?under=22" \
    | json "sorted(o['unitCode']+':'+o['parentCode']+':'+','.join(o['replaces'])+':'+str(o['partialSuccession']) for o in d if o['programme']=='UB-GDNN-SOKET-5Y')"; }
seeds=$(uongbi_obligations) || seeds=none
[ "$seeds" = "$uongbi" ] || fail "the Uông Bí plan's obligations after the reform are $seeds"
cantho_obligations() { curl -fsS -H "Authorization: Bearer $viewer_ministry" "$report/obligations?under=92-BTVTU" \
    | json "[o['unitCode'] for o in d if o['programme']=='CT-TU-GDNN-TONGKET']"; }
got=$(cantho_obligations) || got=none
[ "$got" = "['92-BTGTU']" ] || fail "the Cần Thơ plan's obligations are $got"
echo "seed plans across the reform: Uông Bí owed by 06811, 06820 (partial) and 06832 to province 22; Cần Thơ by 92-BTGTU"

body='{"unitCode":"10813","programme":"TH-GDNN-ANNUAL","period":"2024",
       "values":{"GDNN_INTAKE_RATE":{"numerator":120,"denominator":200},"GDNN_NEW_ENROLMENT":{"value":35},
                 "GDNN_GRADUATES":{"value":28},"RURAL_WORKERS_TRAINED":{"value":140}},
       "tasks":[{"task":"1","status":"IN_PROGRESS","text":"Tư vấn hướng nghiệp"}],
       "narrative":{"results":"Kết quả","shortcomings":"Hạn chế","difficulties":"Khó khăn","proposals":"Kiến nghị"}}'
code=$(curl -sS -o "$home/report.json" -w '%{http_code}' -X POST $report/reports -H 'Content-Type: application/json' -d "$body")
[ "$code" = 401 ] || fail "POST /reports without a token answered $code, expected 401"
other=$(token reporter-10816) || fail "no token for reporter-10816"
code=$(curl -sS -o "$home/report.json" -w '%{http_code}' -X POST $report/reports -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $other" -d "$body")
[ "$code" = 403 ] || fail "POST /reports of 10813 by the clerk of 10816 answered $code, expected 403"
code=$(curl -sS -o "$home/report.json" -w '%{http_code}' -X POST $report/reports -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $clerk" -d "$body")
[ "$code" = 201 ] || fail "POST /reports answered $code: $(cat "$home/report.json")"
echo "report of 10813: 401 without a token, 403 with another commune's, 201 with its clerk's"

ministry_received() { curl -fsS -H "Authorization: Bearer $ministry" $aggregation/aggregates/TH-GDNN-ANNUAL/2024/BGDDT 2>/dev/null | json "d['completeness']['received']"; }
await_value 60 1 ministry_received || fail "the ministry aggregate did not show the report"
rate=$(curl -fsS -H "Authorization: Bearer $ministry" $aggregation/aggregates/TH-GDNN-ANNUAL/2024/BGDDT | json "d['values']['GDNN_INTAKE_RATE']['value']")
[ "$rate" = "60.0" ] || [ "$rate" = "60.00" ] || fail "ministry GDNN_INTAKE_RATE is $rate, expected 60.00"
grep -q "^\[aggregate\] TH-GDNN-ANNUAL|2024|BGDDT" "$log" || fail "the console feed did not print the ministry aggregate"
echo "ministry aggregate: received 1, GDNN_INTAKE_RATE $rate"

for _ in $(seq 1 30); do
  mails=$(curl -fsS "$mailbox/messages?to=vanthu.10816@haiduong.example" | json "len(d)") || mails=0
  [ "$mails" -ge 1 ] && break
  sleep 1
done
[ "$mails" -ge 1 ] || fail "no reminder mail for commune 10816"
subject=$(curl -fsS "$mailbox/messages?to=vanthu.10816@haiduong.example" | json "d[0]['subject']")
case "$subject" in *"hạn 10/12/2024"*) ;; *) fail "unexpected reminder subject: $subject" ;; esac
echo "reminder mail: $subject"

stop_stack

# command 1 as it is, on its demo day after the reform (9/12/2025): all five seed plans have open obligations, each
# owed by the units that hold the role on the period's cut-off end; a 2025 report reaches the ministry through Hai
# Phong (31), and the communes that took over district 294's are reminded of the deadline 10/12/2025
day2=$(mktemp -d /tmp/cascade-smoke-day2.XXXXXX)
log="$day2/stack.log"
echo "command 1's demo day (9/12/2025):"
start_stack CASCADE_HOME="$day2"
grep -q "log in as reporter-10813, reviewer-31, viewer-BGDDT" "$log" || fail "command 1 did not name reviewer-31 for its demo day"
ministry=$(token viewer-BGDDT) || fail "no token for viewer-BGDDT on command 1's demo day"
programmes="['AG-GDNN-ADHOC', 'CT-TU-GDNN-TONGKET', 'LD-SGDDT-5881-ANNUAL', 'TH-GDNN-ANNUAL', 'UB-GDNN-SOKET-5Y']"
# owed: open, or overdue (Lam Dong's deadline 3/11/2025 has passed)
owed='[o for o in d if o["status"] in ("OPEN", "OVERDUE")]'
owed_programmes() { curl -fsS -H "Authorization: Bearer $ministry" "$report/obligations?under=BGDDT" \
    | json "sorted(set(o['programme'] for o in $owed))"; }
got=$(owed_programmes) || got=none
[ "$got" = "$programmes" ] || fail "right after Ready on command 1's demo day the seed programmes with owed obligations are $got"
owed_count() { curl -fsS -H "Authorization: Bearer $ministry" "$report/obligations?under=BGDDT" | json "len($owed)"; }
got=$(owed_count) || got=none
[ "$got" = 15 ] || fail "on command 1's demo day $got seed obligations are owed, expected 15"
angiang=$(curl -fsS -H "Authorization: Bearer $ministry" "$report/obligations?under=BGDDT" \
  | json "[o['unitCode']+':'+o['parentCode']+':'+','.join(o['replaces']) for o in $owed if o['programme']=='AG-GDNN-ADHOC']")
[ "$angiang" = "['91-SGDDT:91:89-SGDDT']" ] || fail "the An Giang plan's obligation after the reform is $angiang"
thanhha=$(curl -fsS -H "Authorization: Bearer $ministry" "$report/obligations?under=31" \
  | json "sorted(o['unitCode']+':'+o['period']+':'+o['deadline'] for o in $owed if o['programme']=='TH-GDNN-ANNUAL')")
[ "$thanhha" = "['10660:2025:2025-12-10', '10756:2025:2025-12-10', '10813:2025:2025-12-10', '10816:2025:2025-12-10', '10843:2025:2025-12-10', '10846:2025:2025-12-10', '10882:2025:2025-12-10', '11086:2025:2025-12-10']" ] \
  || fail "the Thanh Ha plan's obligations of 2025 are $thanhha"
echo "command 1's demo day: 15 owed obligations in all five seed programmes; Thanh Ha's 2025 owed by 8 communes of Hai Phong 31; An Giang's by 91-SGDDT in place of 89-SGDDT"

received_2025() { curl -fsS -H "Authorization: Bearer $ministry" $aggregation/aggregates/TH-GDNN-ANNUAL/2025/BGDDT \
    | json "str(d['completeness']['received'])+'/'+str(d['completeness']['expected'])"; }
got=$(received_2025) || got=none
[ "$got" = 0/8 ] || fail "right after Ready on command 1's demo day the ministry aggregate of 2025 shows $got, expected 0/8"
clerk=$(token reporter-10813) || fail "no token for reporter-10813 on command 1's demo day"
code=$(curl -sS -o "$day2/report.json" -w '%{http_code}' -X POST $report/reports -H 'Content-Type: application/json' \
  -H "Authorization: Bearer $clerk" -d "${body//\"2024\"/\"2025\"}")
[ "$code" = 201 ] || fail "POST /reports of 2025 answered $code: $(cat "$day2/report.json")"
await_value 60 1/8 received_2025 || fail "the ministry aggregate of 2025 shows $got received, expected 1/8"
grep -q "^\[aggregate\] TH-GDNN-ANNUAL|2025|31 " "$log" || fail "the console feed did not print Hai Phong's aggregate"
echo "report of 10813 for 2025: 201, ministry aggregate received 1 of 8 (through Hai Phong 31)"

reminder_10660() { curl -fsS "$mailbox/messages?to=vanthu.10660@haiphong.example" | json "d[0]['subject']"; }
for _ in $(seq 1 60); do subject=$(reminder_10660) && [ -n "$subject" ] && break; sleep 1; done
case "${subject:-}" in *"hạn 10/12/2025 (còn 1 ngày)"*) ;; *) fail "no 1-day reminder for commune 10660: ${subject:-none}" ;; esac
echo "reminder mail: $subject"
stop_stack
echo "smoke test passed"
rm -rf "$home" "$day2"
