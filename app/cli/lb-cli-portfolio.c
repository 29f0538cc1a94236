/* lb-cli-portfolio.c: linkbench-cli portfolio — every project at a glance: wave, status,
 * readiness, last rehearsal against its target, open high risks, monthly cost, lag now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

int
lb_cli_portfolio_run (LbCli *cli,
                      int    argc,
                      char **argv)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
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
  if ((rows = lb_portfolio_load (cli->store, &error)) == NULL)
    return lb_cli_report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < rows->len; i++)
        json_array_add_element (array, lb_portfolio_row_to_json (rows->pdata[i]));
      json_node_set_array (node, array);
      lb_cli_print_json (node);
      return LB_CLI_OK;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    g_ptr_array_add (cells, g_strdup (_(headers[c])));
  for (guint i = 0; i < rows->len; i++)
    {
      const LbPortfolioRow *row = rows->pdata[i];

      g_ptr_array_add (cells, g_strdup (row->project->name));
      g_ptr_array_add (cells, g_strdup (row->wave != NULL ? row->wave : "—"));
      g_ptr_array_add (cells, g_strdup (lb_enum_info_label (status->enum_info, row->project->status)));
      g_ptr_array_add (cells, g_strdup (row->production_ready ? _("Ready") : _("Not ready")));
      g_ptr_array_add (cells, lb_portfolio_row_rehearsal_text (row));
      g_ptr_array_add (cells, g_strdup_printf ("%u", row->open_high_risks));
      g_ptr_array_add (cells, lb_portfolio_row_monthly_text (row));
      g_ptr_array_add (cells, lb_portfolio_row_lag_text (row));
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
