/* lb-cli-portfolio.c: linkbench-cli portfolio — every project at a glance: wave, status,
 * readiness, last rehearsal against its target, open high risks, monthly cost, lag now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "lb-cli.h"

typedef struct
{
  const LbProject *project;
  char            *wave;
  gboolean         ready;
  char            *readiness;
  LbRehearsal     *last_rehearsal;
  gint64           downtime_ms;
  gint64           target_min;
  guint            open_high_risks;
  char            *monthly_cost; /* "12739.12 USD", currencies joined */
  double           lag_s;        /* NAN: no samples */
  gint64           lag_at;
} PortfolioRow;

static void
portfolio_row_clear (PortfolioRow *row)
{
  g_free (row->wave);
  g_free (row->readiness);
  g_free (row->monthly_cost);
  lb_record_free (row->last_rehearsal);
}

static gboolean
load_row (LbCli        *cli,
          PortfolioRow *row,
          GError      **error)
{
  const LbProject *project = row->project;
  g_autoptr(LbReadinessVerdict) verdict = NULL;
  g_autoptr(LbCostSummary) costs = NULL;
  g_autoptr(GPtrArray) rehearsals = NULL;
  g_autoptr(GString) monthly = g_string_new (NULL);
  LbRiskSummary risks;

  if (project->wave_id != 0)
    {
      LbWave *wave = lb_store_get (cli->store, &lb_wave_kind, project->wave_id, NULL);

      row->wave = wave != NULL ? g_strdup (wave->name) : NULL;
      lb_record_free (wave);
    }
  if ((verdict = lb_readiness_gate_evaluate_project (cli->store, project->id, error)) == NULL ||
      (costs = lb_cost_summary_load (cli->store, project->id, error)) == NULL ||
      (rehearsals = lb_store_list (cli->store, &lb_rehearsal_kind, "project_id", project->id, error)) == NULL ||
      !lb_risk_summary_load (cli->store, project->id, lb_time_now_ms (), &risks, error))
    return FALSE;

  row->ready = verdict->production_ready;
  row->readiness = g_strdup (verdict->production_ready ? _("Ready") : _("Not ready"));
  row->open_high_risks = risks.n_open_high;

  /* Rehearsals are listed by start time: the last one is the latest. */
  row->downtime_ms = LB_UNSET_INT;
  row->target_min = LB_UNSET_INT;
  if (rehearsals->len > 0)
    {
      g_autoptr(LbRehearsalDowntime) downtime = NULL;

      row->last_rehearsal = lb_record_copy (rehearsals->pdata[rehearsals->len - 1]);
      downtime = lb_rehearsal_downtime_load (cli->store, row->last_rehearsal->id, NULL);
      if (downtime != NULL)
        {
          row->downtime_ms = downtime->downtime_ms;
          row->target_min = downtime->target_min;
        }
    }

  for (guint c = 0; c < costs->currencies->len; c++)
    {
      const LbCostTotals *totals = costs->currencies->pdata[c];
      g_autofree char *amount = lb_cost_amount_to_string (totals->amounts.monthly);

      g_string_append_printf (monthly, "%s%s %s", c ? " + " : "", amount, totals->currency);
    }
  row->monthly_cost = g_string_free (g_steal_pointer (&monthly), FALSE);

  row->lag_s = NAN;
  if (!lb_store_lag_latest (cli->store, project->id, &row->lag_at, &row->lag_s, error) && *error != NULL)
    return FALSE;
  return TRUE;
}

static char *
rehearsal_text (const PortfolioRow *row)
{
  const LbFieldInfo *outcome = lb_record_kind_find_field (&lb_rehearsal_kind, "outcome");
  const char *label;

  if (row->last_rehearsal == NULL)
    return g_strdup ("—");
  label = lb_enum_info_label (outcome->enum_info, row->last_rehearsal->outcome);
  if (row->downtime_ms == LB_UNSET_INT)
    return g_strdup (label);
  if (row->target_min == LB_UNSET_INT)
    return g_strdup_printf (_("%s, %lld min"), label, (long long) (row->downtime_ms / 60000));
  /* TRANSLATORS: last rehearsal: "Success, 73/120 min" */
  return g_strdup_printf (_("%s, %lld/%lld min"), label, (long long) (row->downtime_ms / 60000),
                          (long long) row->target_min);
}

static char *
lag_text (const PortfolioRow *row)
{
  if (isnan (row->lag_s))
    return g_strdup ("—");
  if (isnan (row->project->lag_threshold_s))
    return g_strdup_printf (_("%.1f s"), row->lag_s);
  /* TRANSLATORS: current lag against the approved threshold: "1.2/30 s" */
  return g_strdup_printf (_("%.1f/%g s"), row->lag_s, row->project->lag_threshold_s);
}

static JsonNode *
row_to_json (const PortfolioRow *row)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  const LbFieldInfo *status = lb_record_kind_find_field (&lb_project_kind, "status");
  const LbFieldInfo *scenario = lb_record_kind_find_field (&lb_project_kind, "scenario");
  const LbFieldInfo *outcome = lb_record_kind_find_field (&lb_rehearsal_kind, "outcome");

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, row->project->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, row->project->name);
  json_builder_set_member_name (b, "wave");
  json_builder_add_string_value (b, row->wave);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, lb_enum_info_nick (scenario->enum_info, row->project->scenario));
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, lb_enum_info_nick (status->enum_info, row->project->status));
  json_builder_set_member_name (b, "production_ready");
  json_builder_add_boolean_value (b, row->ready);
  json_builder_set_member_name (b, "last_rehearsal_outcome");
  json_builder_add_string_value (b, row->last_rehearsal != NULL
                                      ? lb_enum_info_nick (outcome->enum_info, row->last_rehearsal->outcome) : NULL);
  json_builder_set_member_name (b, "last_rehearsal_downtime_ms");
  if (row->downtime_ms != LB_UNSET_INT)
    json_builder_add_int_value (b, row->downtime_ms);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "downtime_target_min");
  if (row->target_min != LB_UNSET_INT)
    json_builder_add_int_value (b, row->target_min);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "open_high_risks");
  json_builder_add_int_value (b, row->open_high_risks);
  json_builder_set_member_name (b, "monthly_cost");
  json_builder_add_string_value (b, row->monthly_cost);
  json_builder_set_member_name (b, "lag_s");
  if (!isnan (row->lag_s))
    json_builder_add_double_value (b, row->lag_s);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

int
lb_cli_portfolio_run (LbCli *cli,
                      int    argc,
                      char **argv)
{
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonArray) array = json_array_new ();
  const LbFieldInfo *status = lb_record_kind_find_field (&lb_project_kind, "status");
  const char *headers[] = { N_("Project"), N_("Wave"), N_("Status"), N_("Readiness"), N_("Last rehearsal"),
                            N_("High risks"), N_("Monthly cost"), N_("Lag now") };
  enum { N_COLUMNS = G_N_ELEMENTS (headers) };
  int widths[N_COLUMNS] = { 0 };

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] portfolio"),
               _("Every project with its wave, status, readiness verdict, last rehearsal outcome and\n"
                 "downtime against its target, open high risks (score ≥ 15), monthly cost and current\n"
                 "lag against the approved threshold."));
      return LB_CLI_OK;
    }
  if (argc > 0)
    return lb_cli_usage_error (_("unexpected argument “%s”"), argv[0]);
  if (lb_cli_get_store (cli) == NULL)
    return LB_CLI_FAILURE;
  if ((projects = lb_store_list (cli->store, &lb_project_kind, NULL, 0, &error)) == NULL)
    return lb_cli_report_error (cli, error);

  for (guint c = 0; c < N_COLUMNS; c++)
    g_ptr_array_add (cells, g_strdup (_(headers[c])));
  for (guint i = 0; i < projects->len; i++)
    {
      PortfolioRow row = { .project = projects->pdata[i] };

      if (!load_row (cli, &row, &error))
        {
          portfolio_row_clear (&row);
          return lb_cli_report_error (cli, error);
        }
      json_array_add_element (array, row_to_json (&row));
      g_ptr_array_add (cells, g_strdup (row.project->name));
      g_ptr_array_add (cells, g_strdup (row.wave != NULL ? row.wave : "—"));
      g_ptr_array_add (cells, g_strdup (lb_enum_info_label (status->enum_info, row.project->status)));
      g_ptr_array_add (cells, g_strdup (row.readiness));
      g_ptr_array_add (cells, rehearsal_text (&row));
      g_ptr_array_add (cells, g_strdup_printf ("%u", row.open_high_risks));
      g_ptr_array_add (cells, g_strdup (*row.monthly_cost != '\0' ? row.monthly_cost : "—"));
      g_ptr_array_add (cells, lag_text (&row));
      portfolio_row_clear (&row);
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, array);
      lb_cli_print_json (node);
      return LB_CLI_OK;
    }
  for (guint i = 0; i < cells->len; i++)
    widths[i % N_COLUMNS] = MAX (widths[i % N_COLUMNS], (int) g_utf8_strlen (cells->pdata[i], -1));
  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = cells->pdata[i];

      if (i % N_COLUMNS == N_COLUMNS - 1)
        g_print ("%s\n", text);
      else
        g_print ("%s%*s  ", text, widths[i % N_COLUMNS] - (int) g_utf8_strlen (text, -1), "");
    }
  return LB_CLI_OK;
}
