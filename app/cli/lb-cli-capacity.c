/* lb-cli-capacity.c: linkbench-cli capacity add|list|show|edit|delete|compare — capacity
 * tests against a target SKU, judged by the core against the tier's limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lb-cli.h"

/* The target must be a SKU that exists, and a new test gets the core's verdict unless one
 * was given. */
static int
complete_capacity (LbCli   *cli,
                   gpointer record)
{
  LbCapacityTest *test = record;
  g_autoptr(LbCapacityResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (test->target_tier == LB_UNSET_ENUM || test->target_vcores == LB_UNSET_INT)
    return LB_CLI_OK; /* the store's validation names the missing field */
  if (!lb_capacity_check_vcores (test->target_tier, test->target_hardware, test->target_vcores, &error))
    return lb_cli_report_error (cli, error);
  if (test->verdict == LB_UNSET_ENUM)
    {
      result = lb_capacity_evaluate (test);
      test->verdict = result->verdict;
    }
  return LB_CLI_OK;
}

static void
show_evaluation (LbCli        *cli,
                 gconstpointer record,
                 JsonObject   *json)
{
  g_autoptr(LbCapacityResult) result = lb_capacity_evaluate (record);
  g_autoptr(JsonArray) findings = json_array_new ();

  for (guint i = 0; i < result->findings->len; i++)
    {
      const LbCapacityFinding *finding = result->findings->pdata[i];

      if (json != NULL)
        {
          g_autoptr(JsonObject) item = json_object_new ();

          json_object_set_string_member (item, "message", finding->message);
          if (!isnan (finding->headroom_pct))
            json_object_set_double_member (item, "headroom_pct", finding->headroom_pct);
          json_array_add_object_element (findings, g_steal_pointer (&item));
        }
    }
  if (json != NULL)
    {
      g_autoptr(JsonObject) evaluation = json_object_new ();

      json_object_set_string_member (evaluation, "summary", result->summary);
      json_object_set_array_member (evaluation, "findings", g_steal_pointer (&findings));
      json_object_set_object_member (json, "evaluation", g_steal_pointer (&evaluation));
      return;
    }
  g_print ("\n%s\n", result->summary);
  for (guint i = 0; i < result->findings->len; i++)
    {
      const LbCapacityFinding *finding = result->findings->pdata[i];

      if (finding->message != NULL)
        g_print ("  • %s\n", finding->message);
    }
}

static int
capacity_compare (LbCli *cli,
                  int    argc,
                  char **argv)
{
  g_autoptr(LbCapacityComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] capacity compare ID"),
               _("Compares a capacity test with the project's previous one, figure by figure."));
      return LB_CLI_OK;
    }
  if (argc != 1 || strspn (argv[0], "0123456789") != strlen (argv[0]))
    return lb_cli_usage_error (_("usage: capacity compare ID"));
  if (lb_cli_get_store (cli) == NULL)
    return LB_CLI_FAILURE;
  id = g_ascii_strtoll (argv[0], NULL, 10);
  if (!lb_capacity_compare_with_previous (cli->store, id, &comparison, &error))
    return lb_cli_report_error (cli, error);
  if (comparison == NULL)
    {
      g_print (_("Capacity test #%lld is the project's first: nothing to compare with.\n"), (long long) id);
      return LB_CLI_OK;
    }

  if (cli->json)
    {
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_int_member (object, "previous_id", comparison->previous_id);
      json_object_set_int_member (object, "current_id", comparison->current_id);
      json_object_set_boolean_member (object, "same_target", comparison->same_target);
      for (guint i = 0; i < comparison->deltas->len; i++)
        {
          const LbCapacityDelta *delta = &g_array_index (comparison->deltas, LbCapacityDelta, i);

          if (!isnan (delta->delta))
            json_object_set_double_member (object, delta->field->name, delta->delta);
        }
      json_node_set_object (node, object);
      lb_cli_print_json (node);
      return LB_CLI_OK;
    }
  g_print (_("Capacity test #%lld against #%lld%s:\n"), (long long) comparison->current_id,
           (long long) comparison->previous_id, comparison->same_target ? "" : _(" (a different target SKU)"));
  for (guint i = 0; i < comparison->deltas->len; i++)
    {
      const LbCapacityDelta *delta = &g_array_index (comparison->deltas, LbCapacityDelta, i);

      if (!isnan (delta->delta))
        g_print ("  %-22s %10.1f → %10.1f  (%+.1f %s)\n", _(delta->field->label), delta->previous, delta->current,
                 delta->delta, delta->field->unit != NULL ? delta->field->unit : "");
    }
  return LB_CLI_OK;
}

int
lb_cli_capacity_run (LbCli *cli,
                     int    argc,
                     char **argv)
{
  static const char *const columns[] = { "project_id", "tested_at", "method", "target_tier", "target_vcores",
                                         "log_gen_p95_mibps", "verdict", NULL };
  static const LbCliCommand extra[] = {
    { "compare", N_("Compare a test with the project's previous one"), capacity_compare },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "capacity",
    .kind = &lb_capacity_test_kind,
    .list_columns = columns,
    .show_extra = show_evaluation,
    .complete_add = complete_capacity,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
