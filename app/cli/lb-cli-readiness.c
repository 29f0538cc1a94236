/* lb-cli-readiness.c: linkbench-cli readiness add|list|show|edit|delete — Readiness: the five production-readiness controls and the technical prerequisites.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include "lb-cli.h"

int
lb_cli_readiness_run (LbCli *cli,
                      int    argc,
                      char **argv)
{
  static const char *const columns[] = { "project_id", "kind", "control", "title", "status", "owner", "verified_at", NULL };
  static const LbCliRecordGroup group = {
    .group = "readiness",
    .kind = &lb_readiness_item_kind,
    .list_columns = columns,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
