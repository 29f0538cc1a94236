/* lb-cli-project.c: linkbench-cli project add|list|show|edit|delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

/* The record kinds that belong to a project, counted by "project show". */
static const LbRecordKind *const project_children[] = {
  &lb_readiness_item_kind, &lb_capacity_test_kind, &lb_rehearsal_kind, &lb_evidence_kind,
  &lb_cost_item_kind, &lb_risk_kind, &lb_approval_kind, &lb_connection_profile_kind,
  &lb_azure_target_kind, &lb_design_baseline_kind, &lb_drift_check_kind, NULL,
};

static void
show_project_counts (LbCli        *cli,
                     gconstpointer record,
                     JsonObject   *json)
{
  g_autoptr(JsonObject) counts = json_object_new ();
  gint64 id = LB_RECORD_ID_CONST (record);
  gint64 samples = 0, first = LB_UNSET_INT, last = LB_UNSET_INT;

  if (json == NULL)
    g_print ("\n%s\n", _("Records:"));
  for (guint i = 0; project_children[i] != NULL; i++)
    {
      const LbRecordKind *kind = project_children[i];
      gint64 n = lb_store_count (cli->store, kind, "project_id", id, NULL);

      if (json != NULL)
        json_object_set_int_member (counts, kind->table, n);
      else
        g_print ("  %-24s %lld\n", _(kind->plural), (long long) n);
    }

  lb_store_lag_extent (cli->store, id, &samples, &first, &last, NULL);
  if (json != NULL)
    {
      json_object_set_int_member (counts, "lag_sample", samples);
      json_object_set_object_member (json, "counts", json_object_ref (counts));
    }
  else if (samples > 0)
    {
      g_autofree char *from = lb_time_format_local (first);
      g_autofree char *to = lb_time_format_local (last);

      /* TRANSLATORS: "Lag samples   120960 (2026-11-22 00:00 – 2026-11-29 00:00)" */
      g_print (_("  %-24s %lld (%s – %s)\n"), _("Lag samples"), (long long) samples, from, to);
    }
  else
    g_print ("  %-24s 0\n", _("Lag samples"));
}

int
lb_cli_project_run (LbCli *cli,
                    int    argc,
                    char **argv)
{
  static const char *const columns[] = { "name", "wave_id", "status", "scenario", "source_database",
                                         "target_instance", "owner", NULL };
  static const LbCliRecordGroup group = { "project", &lb_project_kind, columns, show_project_counts };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
