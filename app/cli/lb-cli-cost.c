/* lb-cli-cost.c: linkbench-cli cost add|list|show|edit|delete|summary — cost items with
 * tags and their roll-ups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

static void
print_amounts (const char          *label,
               const char          *currency,
               const LbCostAmounts *amounts)
{
  g_autofree char *one_off = lb_money_to_string (amounts->one_off);
  g_autofree char *monthly = lb_money_to_string (amounts->monthly);
  g_autofree char *total = lb_money_to_string (amounts->total);

  g_print ("  %-34s %14s %12s %14s  %s\n", label, one_off, monthly, total, currency);
}

static int
cost_summary (LbCli *cli,
              int    argc,
              char **argv)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(LbCostSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  const char *project, *by;
  gint64 project_id;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] cost summary --project P [--by category|tag]"),
               _("One-off cost, monthly run rate and total cost of the migration (one-off plus each\n"
                 "monthly item × its months), per currency, rolled up by category or by tag."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  project = lb_cli_option_get (options, "project");
  by = lb_cli_option_get (options, "by");
  if (project == NULL || positional->len != 0 || options->len != (by != NULL ? 2u : 1u) ||
      (by != NULL && !g_str_equal (by, "category") && !g_str_equal (by, "tag")))
    return lb_cli_usage_error (_("usage: cost summary --project P [--by category|tag]"));
  status = lb_cli_resolve_reference (cli, lb_record_kind_parent_field (&lb_cost_item_kind), project, &project_id);
  if (status != LB_CLI_OK || lb_cli_get_store (cli) == NULL)
    return status != LB_CLI_OK ? status : LB_CLI_FAILURE;

  summary = lb_cost_summary_load (cli->store, project_id, &error);
  if (summary == NULL)
    return lb_cli_report_error (cli, error);
  if (cli->json)
    {
      g_autoptr(JsonNode) node = lb_cost_summary_to_json (summary);

      lb_cli_print_json (node);
      return LB_CLI_OK;
    }
  if (summary->currencies->len == 0)
    {
      g_print ("%s\n", _("No cost items."));
      return LB_CLI_OK;
    }

  g_print ("  %-34s %14s %12s %14s\n", "", _("One-off"), _("Monthly"), _("Total"));
  for (guint c = 0; c < summary->currencies->len; c++)
    {
      const LbCostTotals *totals = summary->currencies->pdata[c];
      GPtrArray *rollups = g_strcmp0 (by, "tag") == 0 ? totals->by_tag : totals->by_category;
      const LbFieldInfo *category = lb_record_kind_find_field (&lb_cost_item_kind, "category");

      for (guint i = 0; by != NULL && i < rollups->len; i++)
        {
          const LbCostRollup *rollup = rollups->pdata[i];
          g_autofree char *label = rollup->tag_key != NULL
                                     ? g_strdup_printf ("%s=%s", rollup->tag_key, rollup->tag_value ? rollup->tag_value : "")
                                     : g_strdup (lb_enum_info_label (category->enum_info, rollup->category));

          print_amounts (label, totals->currency, &rollup->amounts);
        }
      print_amounts (_("All cost items"), totals->currency, &totals->amounts);
      if (totals->amounts.n_open_ended > 0)
        g_print (_("  (%u monthly items have no end: they count in the run rate, not in the total)\n"),
                 totals->amounts.n_open_ended);
    }
  return LB_CLI_OK;
}

int
lb_cli_cost_run (LbCli *cli,
                 int    argc,
                 char **argv)
{
  static const char *const columns[] = { "project_id", "category", "description", "amount", "currency", "period",
                                         "basis", NULL };
  static const LbCliCommand extra[] = {
    { "summary", N_("Totals, run rate and roll-ups of a project's costs"), cost_summary },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "cost",
    .kind = &lb_cost_item_kind,
    .list_columns = columns,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
