/* lb-cli-risk.c: linkbench-cli risk add|list|show|edit|delete — the risk register.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

static void
show_score (LbCli        *cli,
            gconstpointer record,
            JsonObject   *json)
{
  const LbRisk *risk = record;
  gint64 score = lb_risk_score (risk);
  const char *band = lb_enum_info_label (&lb_risk_band_enum, lb_risk_band_for_score (score));
  gboolean overdue = lb_risk_is_overdue (risk, lb_time_now_ms ());
  gboolean open_high = lb_risk_is_open_high (risk);

  if (json != NULL)
    {
      json_object_set_int_member (json, "score", score);
      json_object_set_string_member (json, "band", lb_enum_info_nick (&lb_risk_band_enum, lb_risk_band_for_score (score)));
      json_object_set_boolean_member (json, "open_high", open_high);
      json_object_set_boolean_member (json, "overdue", overdue);
      return;
    }
  g_print ("\n");
  /* TRANSLATORS: "Score 10 (likelihood × impact): High" */
  g_print (_("Score %lld (likelihood × impact): %s"), (long long) score, band != NULL ? band : "—");
  if (open_high)
    g_print ("%s", _(", open and high"));
  if (overdue)
    g_print ("%s", _(", overdue"));
  g_print ("\n");
}

int
lb_cli_risk_run (LbCli *cli,
                 int    argc,
                 char **argv)
{
  static const char *const columns[] = { "project_id", "title", "likelihood", "impact", "owner", "status",
                                         "due_at", NULL };
  static const LbCliRecordGroup group = {
    .group = "risk",
    .kind = &lb_risk_kind,
    .list_columns = columns,
    .show_extra = show_score,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
