#!/usr/bin/env bash
# Regenerates deploy/clearinghouse-sqlserver.sql, the idempotent SQL Server migration script, from the SQL Server
# migrations. Run it after adding a migration: the tests fail (MigrationTests) until the checked-in script is current.
#   tools/sqlserver-migration-script.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
dotnet tool restore >/dev/null
# -o writes the file; the command's own output carries build lines, so it is not redirected into it.
dotnet ef migrations script --idempotent --project src/Clearinghouse.Web --context SqlServerClearinghouseDbContext \
    -o deploy/clearinghouse-sqlserver.sql
echo "deploy/clearinghouse-sqlserver.sql regenerated"
