/* lb-cli-risk.c: linkbench-cli risk add|list|show|edit|delete — Risk register.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include "lb-cli.h"

int
lb_cli_risk_run (LbCli *cli,
                 int    argc,
                 char **argv)
{
  static const char *const columns[] = { "project_id", "title", "likelihood", "impact", "owner", "status", "due_at", NULL };
  static const LbCliRecordGroup group = {
    .group = "risk",
    .kind = &lb_risk_kind,
    .list_columns = columns,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
