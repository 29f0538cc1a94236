/* lb-cli-cost.c: linkbench-cli cost add|list|show|edit|delete — Cost items.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include "lb-cli.h"

int
lb_cli_cost_run (LbCli *cli,
                 int    argc,
                 char **argv)
{
  static const char *const columns[] = { "project_id", "category", "description", "amount", "currency", "period", "basis", NULL };
  static const LbCliRecordGroup group = {
    .group = "cost",
    .kind = &lb_cost_item_kind,
    .list_columns = columns,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
