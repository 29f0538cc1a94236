/* lb-cli-approve.c: linkbench-cli approve add|list|show|edit|delete — Approvals: go/no-go, rehearsal acceptance, design.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include "lb-cli.h"

int
lb_cli_approve_run (LbCli *cli,
                    int    argc,
                    char **argv)
{
  static const char *const columns[] = { "project_id", "subject", "approver", "role", "decision", "decided_at", NULL };
  static const LbCliRecordGroup group = {
    .group = "approve",
    .kind = &lb_approval_kind,
    .list_columns = columns,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
