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
                                     ? lb_cost_tag_format (rollup->tag_key, rollup->tag_value)
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

static void
show_tags (LbCli        *cli,
           gconstpointer record,
           JsonObject   *json)
{
  const LbCostItem *item = record;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tags = lb_cost_tags_load (cli->store, item->id, &error);

  if (tags == NULL)
    {
      g_printerr ("%s\n", error->message);
      return;
    }
  if (json != NULL)
    {
      JsonObject *object = json_object_new ();

      for (guint i = 0; i < tags->len; i++)
        {
          const LbCostTag *tag = tags->pdata[i];

          if (tag->value != NULL)
            json_object_set_string_member (object, tag->key, tag->value);
          else
            json_object_set_null_member (object, tag->key);
        }
      json_object_set_object_member (json, "tags", object);
      return;
    }
  /* One tag per line: values may hold spaces and commas. */
  g_print ("\n%-14s", _("Tags:"));
  if (tags->len == 0)
    g_print ("%s\n", _("none"));
  for (guint i = 0; i < tags->len; i++)
    {
      const LbCostTag *tag = tags->pdata[i];
      g_autofree char *text = lb_cost_tag_format (tag->key, tag->value);

      g_print ("%*s%s\n", i > 0 ? 14 : 0, "", text);
    }
}

/* cost tag ID key=value… and cost untag ID key…: each argument is one tag, so values may
 * hold spaces and commas without any quoting rules of our own. */
static int
change_tags (LbCli     *cli,
             int        argc,
             char     **argv,
             gboolean   untag)
{
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  LbCostItem *item;
  gboolean ok = TRUE;

  if (lb_cli_wants_help (argc, argv))
    {
      if (untag)
        g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] cost untag ID KEY…"),
                 _("Removes tags from a cost item."));
      else
        g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] cost tag ID KEY=VALUE…"),
                 _("Sets tags of a cost item (cost-center=FIN-220 environment=prod capex). A key that\n"
                   "is there already, in any case, gets the new value. “cost summary --by tag” rolls\n"
                   "the costs up by them."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (options->len > 0)
    return lb_cli_usage_error (_("unknown option “--%s”"), g_array_index (options, LbCliOption, 0).key);
  if (positional->len < 2)
    return lb_cli_usage_error ("%s", untag ? _("usage: cost untag ID KEY…") : _("usage: cost tag ID KEY=VALUE…"));
  if ((item = lb_cli_lookup (cli, &lb_cost_item_kind, positional->pdata[0])) == NULL)
    return LB_CLI_FAILURE;

  /* All the tags or none. */
  if (!lb_store_begin_transaction (cli->store, &error))
    goto out;
  for (guint i = 1; ok && i < positional->len; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (untag)
        ok = lb_cost_tags_remove (cli->store, item->id, positional->pdata[i], &error);
      else
        {
          if (!lb_cost_tag_parse (positional->pdata[i], &key, &value, &error))
            {
              lb_store_rollback_transaction (cli->store);
              lb_record_free (item);
              return lb_cli_usage_error ("%s", error->message);
            }
          ok = lb_cost_tags_set (cli->store, item->id, key, value, &error);
        }
    }
  if (ok)
    ok = lb_store_commit_transaction (cli->store, &error);
  else
    lb_store_rollback_transaction (cli->store);

out:
  lb_record_free (item);
  if (error != NULL)
    return lb_cli_report_error (cli, error);
  return LB_CLI_OK;
}

static int
cost_tag (LbCli *cli,
          int    argc,
          char **argv)
{
  return change_tags (cli, argc, argv, FALSE);
}

static int
cost_untag (LbCli *cli,
            int    argc,
            char **argv)
{
  return change_tags (cli, argc, argv, TRUE);
}

static int
cost_estimate (LbCli *cli,
               int    argc,
               char **argv)
{
  static const char *const allowed[] = { "project", "currency", "hybrid-benefit", "passive-dr", "offline", "max-age",
                                         "prices-url", NULL };
  static const char *const flags[] = { "hybrid-benefit", "passive-dr", "offline", NULL };
  static const char *const columns[] = { "category", "description", "amount", "currency", NULL };
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbHttpClient) client = NULL;
  g_autoptr(GPtrArray) prices = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(LbCostEstimate) estimate = NULL;
  g_autofree char *note = NULL;
  LbCostOptions cost_options = { 0 };
  const char *currency, *url;
  gint64 max_age_ms = 7 * 24 * 3600 * (gint64) 1000;
  LbProject *project = NULL;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n",
               _("Usage: linkbench-cli [--db PATH] [--json] cost estimate --project P [--currency EUR] [--hybrid-benefit] "
                 "[--passive-dr] [--offline] [--max-age 7d] [--prices-url URL]"),
               _("Prices the project's target managed instance (tier, hardware, vCores, storage, region) at the\n"
                 "Azure Retail Prices API's list prices: compute, the SQL Server licence (not with Azure Hybrid\n"
                 "Benefit or for a licence-free passive DR replica) and storage, a month of 730 hours. The\n"
                 "estimate replaces the project's earlier one as estimated monthly cost items tagged with their\n"
                 "source and the prices' date. Prices are cached; they are fetched again when older than\n"
                 "--max-age (default 7 days). --offline uses the cache only and says how old it is."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options_only (argc, argv, flags, allowed, &options))
    return LB_CLI_USAGE;
  if (lb_cli_option_get (options, "max-age") != NULL)
    {
      g_autofree char *age = g_strdup (lb_cli_option_get (options, "max-age"));
      gsize length = strlen (age);

      /* "7d" is days; anything else as lb_cli_parse_duration_ms reads it. */
      if (length > 1 && age[length - 1] == 'd')
        {
          age[length - 1] = '\0';
          max_age_ms = lb_cli_parse_duration_ms (age) * 24 * 3600;
        }
      else
        max_age_ms = lb_cli_parse_duration_ms (age);
      if (max_age_ms <= 0)
        return lb_cli_usage_error (_("--max-age: give an age such as 7d, 12h or 30m"));
    }
  url = lb_cli_option_get (options, "prices-url");
  if (url != NULL && !g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    return lb_cli_usage_error (_("--prices-url must be an http or https URL"));
  currency = lb_cli_option_get (options, "currency") != NULL ? lb_cli_option_get (options, "currency") : "USD";
  cost_options.hybrid_benefit = lb_cli_option_get (options, "hybrid-benefit") != NULL;
  cost_options.passive_dr = lb_cli_option_get (options, "passive-dr") != NULL;
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  if (project->target_region == NULL)
    {
      g_printerr (_("linkbench-cli: the project names no target region (--target-region)\n"));
      lb_record_free (project);
      return LB_CLI_FAILURE;
    }

  client = lb_http_client_new ();
  prices = lb_retail_prices_get (cli->store, client, url, project->target_region, currency, max_age_ms,
                                 lb_cli_option_get (options, "offline") != NULL, &note, NULL, &error);
  if (prices == NULL
      || (estimate = lb_cost_estimate_compute (project, prices, &cost_options, &error)) == NULL
      || (items = lb_cost_estimate_write (cli->store, project, estimate, &cost_options, &error)) == NULL)
    {
      lb_record_free (project);
      return lb_cli_report_error (cli, error);
    }
  if (note != NULL)
    g_printerr ("%s\n", note);
  if (cli->json)
    lb_cli_print_records (cli, items, columns);
  else
    {
      g_print ("%s\n", estimate->summary);
      for (guint i = 0; i < items->len; i++)
        {
          const LbCostItem *item = items->pdata[i];

          g_autofree char *amount = lb_money_format (item->amount, item->currency);

          g_print ("  %12s  %s\n", amount, item->description);
        }
    }
  lb_record_free (project);
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
    { "tag", N_("Set key=value tags of a cost item"), cost_tag },
    { "untag", N_("Remove tags from a cost item"), cost_untag },
    { "estimate", N_("Price the target at Azure's list prices as estimated cost items"), cost_estimate },
    { NULL, NULL, NULL },
  };
  static const LbCliRecordGroup group = {
    .group = "cost",
    .kind = &lb_cost_item_kind,
    .list_columns = columns,
    .show_extra = show_tags,
    .extra_commands = extra,
  };

  return lb_cli_record_group_run (cli, &group, argc, argv);
}
