#!/bin/sh
# make-schema-fixture.sh CLI DB: fills a new database DB through CLI, a linkbench-cli
# built from a released schema version, with a little of every kind of record that
# version's commands can write. tests/core/test-upgrade.c opens the result with the
# current code and checks that every row survives the migration.
#
# The fixtures in tests/core/data/schema/ were made so: v1.db with the CLI of the commit
# before 96cf9e3, v2.db before 081d129, v3.db before fc79be9, v4.db before 4dc480e, each
# built with "meson setup -Dgui=false -Dtests=false" in a scratch checkout.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

cli=${1:?usage: make-schema-fixture.sh CLI DB}
db=${2:?usage: make-schema-fixture.sh CLI DB}
[ ! -e "$db" ] || { echo "make-schema-fixture.sh: $db exists; give a new file" >&2; exit 2; }

# The same text and times whatever the machine's settings.
export LC_ALL=C.UTF-8 TZ=UTC
unset LINKBENCH_DB

lb () { "$cli" --db "$db" "$@" >/dev/null; }
# The first value of KEY that a command printed as JSON ("id" : 3).
lb_id () {
  key=$1
  shift
  value=$("$cli" --db "$db" --json "$@" | sed -n "s/^ *\"$key\" : \([0-9]*\),*\$/\1/p" | head -n 1)
  [ -n "$value" ] || { echo "make-schema-fixture.sh: no $key from: $*" >&2; exit 1; }
  echo "$value"
}
# Whether this version's help mentions a command or an option.
has () { "$@" --help 2>/dev/null | grep -q -- "$HAS_WORD"; }

lb wave add "Wave 1 - finance" --position 1 --window-start "2026-03-07 22:00" \
   --window-end "2026-03-08 06:00" --notes "Month-end freeze lifts on the 5th"
lb wave add "Wave 2 - reporting" --position 2 --window-start 2026-04-11 --window-end 2026-04-12

lb project add "ERP ledger" --scenario migration --wave "Wave 1 - finance" --status rehearsing \
   --owner "Ana Lima" --source-server sql-fin-01.corp.example --source-port 1433 \
   --source-instance FIN --source-database Ledger --source-version "SQL Server 2019 CU22" \
   --target-instance mi-fin-weu --target-resource-group rg-data-weu \
   --target-subscription 00000000-1111-2222-3333-444444444444 --target-region westeurope \
   --target-fqdn mi-fin-weu.abc123.database.windows.net --target-tier business_critical \
   --target-hardware standard --target-vcores 16 --target-storage-gb 1024 --link-name dag-ledger \
   --source-ag ag-fin --target-ag mi-ag-ledger --replication-mode async --failover-mode manual \
   --link-role sqlserver_primary --lag-threshold-s 30 --downtime-target-min 20 \
   --planned-cutover "2026-03-08 02:00" --notes "Ledger closes at 18:00 UTC; café menu “ü” test"
lb project add "Sales DW" --scenario reporting_offload --wave "Wave 2 - reporting" --status planning \
   --owner "Jon Berg" --source-server sql-dw-02 --source-database SalesDW --target-tier general_purpose \
   --target-vcores 8
HAS_WORD=--link-cert-valid-until
if has "$cli" project add; then
  lb project edit "ERP ledger" --link-cert-valid-until 2027-01-31
fi

lb risk add "Log generation above the tier's limit" --project "ERP ledger" --description "Month-end batch" \
   --likelihood 3 --impact 4 --owner "Ana Lima" --mitigation "Move the batch" --status mitigating \
   --due-at 2026-02-20
lb risk add "Application connection strings hard-coded" --project "Sales DW" --likelihood 2 --impact 3 \
   --status open

cost=$(lb_id id cost add "Managed instance, 16 vCores" --project "ERP ledger" --category mi_compute \
   --amount 4210.50 --currency EUR --period monthly --months 12 --basis estimate --source "Pricing calculator")
lb cost tag "$cost" cost-center=FIN-220 environment=prod capex
cost=$(lb_id id cost add "Parallel run" --project "ERP ledger" --category parallel_run --amount 1800 \
   --currency EUR --period one_off --basis actual)
lb cost tag "$cost" cost-center=FIN-220

lb evidence add "LSN comparison" --project "ERP ledger" --captured-at "2026-02-01 10:00" \
   --text "primary 0x0000002A:00000120:0001, secondary 0x0000002A:00000120:0001" --source sqlcmd

lb readiness add "Named owner for the link" --project "ERP ledger" --kind control --control owner \
   --status clear --owner "Ana Lima" --note "Agreed in the CAB" --verified-by "Jon Berg" \
   --verified-at 2026-01-15
lb readiness add "Port 5022 open to the instance" --project "ERP ledger" --kind prerequisite \
   --status blocked --note "Firewall change pending"

lb capacity add --project "ERP ledger" --tested-at "2026-01-20 09:00" --method workload_replay \
   --target-tier business_critical --target-hardware standard --target-vcores 16 \
   --target-storage-gb 1024 --duration-min 60 --log-gen-peak-mibps 38.5 --log-gen-p95-mibps 21.25 \
   --cpu-pct 61 --iops 12000 --throughput-mibps 310 --io-latency-ms 2.5 --verdict pass \
   --findings "Headroom at month end"

lb approve add --project "ERP ledger" --subject design --approver "Maria Keller" --role "Chief architect" \
   --decision approved --comment "As designed in ADR-12" --decided-at "2026-01-10 16:00"
lb approve add --project "ERP ledger" --subject go_no_go --approver "Tom Reyes" --role CIO \
   --decision deferred --decided-at "2026-02-25 11:00"

HAS_WORD=runbook
if has "$cli"; then
  lb runbook copy planned_failover
fi

rehearsal=$(lb_id rehearsal_id rehearsal start "Planned failover drill 1" --project "ERP ledger" --kind planned_failover \
   --downtime-target-min 20 --notes "First drill")
lb rehearsal step start "$rehearsal"
lb rehearsal step finish "$rehearsal" --notes "Workload stopped"
lb rehearsal step start "$rehearsal"
lb rehearsal step finish "$rehearsal" --outcome skipped
lb rehearsal step start "$rehearsal"
lb rehearsal step finish "$rehearsal" --outcome failed --notes "Timed out once"
lb rehearsal finish "$rehearsal" --outcome partial --data-loss no --notes "Retry next week"

HAS_WORD=import
if has "$cli" lag; then
  csv=$(mktemp)
  trap 'rm -f "$csv"' EXIT
  printf 'time,lag_seconds,log_send_queue_kb,redo_queue_kb\n' >"$csv"
  for m in 0 1 2 3 4 5 6 7 8 9 10 11; do
    printf '2026-02-01T10:%02d:00Z,%d.5,%d,%d\n' "$((m * 5))" "$((m % 4))" "$((m * 10))" "$((m * 3))" >>"$csv"
  done
  lb lag import --project "ERP ledger" "$csv"
fi

"$cli" --db "$db" check
