/* lb-cli-capacity.c: linkbench-cli capacity add|list|show|edit|delete — Capacity tests against a target SKU.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include "lb-cli.h"

int
lb_cli_capacity_run (LbCli *cli,
                     int    argc,
                     char **argv)
{
  static const char *const columns[] = { "project_id", "tested_at", "method", "target_tier", "target_vcores", "log_gen_p95_mibps", "verdict", NULL };
  static const LbCliRecordGroup group = {
    .group = "capacity",
    .kind = &lb_capacity_test_kind,
    .list_columns = columns,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
