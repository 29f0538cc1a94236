/* lb-report-json.c: the report as one JSON document — each project's go/no-go result with
 * its rules and evidence, and every table as an array of objects keyed by column.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-report"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "../model/lb-error.h"
#include "../model/lb-time.h"
#include "lb-report-private.h"

static void
add_project (JsonBuilder           *b,
             const LbProjectReport *report)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, report->project->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, report->project->name);
  json_builder_set_member_name (b, "wave");
  if (report->wave_name != NULL)
    json_builder_add_string_value (b, report->wave_name);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "go_no_go");
  json_builder_add_value (b, lb_go_no_go_result_to_json (report->go_no_go));
  json_builder_set_member_name (b, "costs");
  json_builder_add_value (b, lb_cost_summary_to_json (report->costs));
  json_builder_end_object (b);
}

static void
add_table (JsonBuilder         *b,
           const LbReportTable *table)
{
  json_builder_set_member_name (b, table->name);
  json_builder_begin_array (b);
  for (guint r = 0; r < lb_report_table_get_n_rows (table); r++)
    {
      json_builder_begin_object (b);
      for (guint c = 0; c < table->columns->len; c++)
        {
          json_builder_set_member_name (b, ((LbReportColumn *) table->columns->pdata[c])->key);
          json_builder_add_value (b, json_node_copy (lb_report_table_get_cell (table, r, c)->value));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

gboolean
lb_report_write_json (const LbProjectReport   *project,
                      const LbPortfolioReport *portfolio,
                      const LbReportOptions   *options,
                      const char              *path,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  g_autoptr(GPtrArray) tables = lb_report_tables_for (project, portfolio);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *generated = lb_time_format_iso_utc (options->generated_at);
  g_autofree char *text = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "report");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scope");
  json_builder_add_string_value (b, project != NULL ? "project" : "portfolio");
  json_builder_set_member_name (b, "generated_at");
  json_builder_add_string_value (b, generated);
  json_builder_set_member_name (b, "ruleset_version");
  json_builder_add_int_value (b, LB_GO_NO_GO_RULESET_VERSION);
  json_builder_set_member_name (b, "organisation");
  if (options->organisation != NULL)
    json_builder_add_string_value (b, options->organisation);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "generator");
  json_builder_add_string_value (b, "Linkbench " PACKAGE_VERSION);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "projects");
  json_builder_begin_array (b);
  for (guint i = 0; i < (project != NULL ? 1 : portfolio->projects->len); i++)
    add_project (b, project != NULL ? project : portfolio->projects->pdata[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "tables");
  json_builder_begin_object (b);
  for (guint i = 0; i < tables->len; i++)
    add_table (b, tables->pdata[i]);
  json_builder_end_object (b);
  json_builder_end_object (b);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      g_set_error (error, LB_ERROR, LB_ERROR_IO, _("Cannot write “%s”: %s"), path, local->message);
      return FALSE;
    }
  return TRUE;
}
