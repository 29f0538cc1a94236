/* lb-cli-rehearsal.c: linkbench-cli rehearsal add|list|show|edit|delete — Rehearsals and drills.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include "lb-cli.h"

int
lb_cli_rehearsal_run (LbCli *cli,
                      int    argc,
                      char **argv)
{
  static const char *const columns[] = { "project_id", "kind", "title", "started_at", "measured_downtime_min", "outcome", NULL };
  static const LbCliRecordGroup group = {
    .group = "rehearsal",
    .kind = &lb_rehearsal_kind,
    .list_columns = columns,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
