/* lb-cli-report.c: linkbench-cli report — the executive cutover report of a project or of
 * the portfolio, with the go/no-go verdict of each project printed as it is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "linkbench-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lb-cli.h"

static int
guess_format (const char *output,
              const char *format_text,
              LbReportFormat *format)
{
  int value;

  if (format_text != NULL)
    {
      if ((value = lb_enum_info_lookup (&lb_report_format_enum, format_text)) < 0)
        return lb_cli_usage_error (_("--format must be pdf, html, csv or json, not “%s”"), format_text);
      *format = value;
      return LB_CLI_OK;
    }
  if (g_str_has_suffix (output, ".pdf"))
    *format = LB_REPORT_FORMAT_PDF;
  else if (g_str_has_suffix (output, ".html") || g_str_has_suffix (output, ".htm"))
    *format = LB_REPORT_FORMAT_HTML;
  else if (g_str_has_suffix (output, ".json"))
    *format = LB_REPORT_FORMAT_JSON;
  else
    return lb_cli_usage_error (_("--format is required when the output is not a .pdf, .html or .json file"));
  return LB_CLI_OK;
}

/* --cutover, --from, --to, --paper, --organisation, --rehearsals-required into @o. */
static int
read_report_options (GArray          *options,
                     LbReportOptions *o)
{
  const char *cutover = lb_cli_option_get (options, "cutover");
  const char *from = lb_cli_option_get (options, "from");
  const char *to = lb_cli_option_get (options, "to");
  const char *paper = lb_cli_option_get (options, "paper");
  const char *organisation = lb_cli_option_get (options, "organisation");
  const char *required = lb_cli_option_get (options, "rehearsals-required");
  gint64 n;

  if (cutover != NULL && !lb_time_parse (cutover, NULL, &o->cutover_at))
    return lb_cli_usage_error (_("--cutover: “%s” is not a date such as 2026-12-12 or 2026-12-12 02:00"), cutover);
  if (from != NULL && !lb_time_parse (from, NULL, &o->window_from))
    return lb_cli_usage_error (_("--from: “%s” is not a time such as 2026-11-29 13:05"), from);
  if (to != NULL && !lb_time_parse (to, NULL, &o->window_to))
    return lb_cli_usage_error (_("--to: “%s” is not a time such as 2026-11-29 13:05"), to);
  if (from != NULL && to != NULL && o->window_to <= o->window_from)
    return lb_cli_usage_error (_("--to must be after --from"));
  if (paper != NULL)
    {
      int value = lb_enum_info_lookup (&lb_paper_size_enum, paper);

      if (value < 0)
        return lb_cli_usage_error (_("--paper must be a4 or letter, not “%s”"), paper);
      o->paper = value;
    }
  if (organisation != NULL)
    o->organisation = g_strdup (organisation);
  if (required != NULL)
    {
      if (!g_ascii_string_to_signed (required, 10, 1, 20, &n, NULL))
        return lb_cli_usage_error (_("--rehearsals-required must be a whole number from 1 to 20"));
      o->policy.rehearsals_required = (guint) n;
    }
  return LB_CLI_OK;
}

static void
add_verdict (JsonBuilder           *b,
             const LbProjectReport *report)
{
  g_autoptr(JsonNode) result = lb_go_no_go_result_to_json (report->go_no_go);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "project");
  json_builder_add_string_value (b, report->project->name);
  json_builder_set_member_name (b, "go_no_go");
  json_builder_add_value (b, g_steal_pointer (&result));
  json_builder_end_object (b);
}

static void
print_verdicts (LbCli                   *cli,
                const LbProjectReport   *project,
                const LbPortfolioReport *portfolio,
                const char              *output)
{
  guint n = project != NULL ? 1 : portfolio->projects->len;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "output");
      json_builder_add_string_value (b, output);
      json_builder_set_member_name (b, "projects");
      json_builder_begin_array (b);
      for (guint i = 0; i < n; i++)
        add_verdict (b, project != NULL ? project : portfolio->projects->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      lb_cli_print_json (root);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      const LbProjectReport *report = project != NULL ? project : portfolio->projects->pdata[i];

      g_print ("%s: %s\n", report->project->name, report->go_no_go->summary);
    }
  g_print (_("Wrote %s.\n"), output);
}

int
lb_cli_report_run (LbCli *cli,
                   int    argc,
                   char **argv)
{
  static const char *const allowed[] = { "project", "portfolio", "wave", "format", "cutover", "from", "to", "paper",
                                         "organisation", "rehearsals-required", "output", NULL };
  static const char *const flags[] = { "portfolio", NULL };
  g_autoptr(GPtrArray) args = lb_cli_expand_output_option (argc, argv);
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbProjectReport) project = NULL;
  g_autoptr(LbPortfolioReport) portfolio = NULL;
  LbReportOptions report_options;
  const char *project_name, *wave_name, *output;
  LbReportFormat format = LB_REPORT_FORMAT_PDF;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] report (--project P | --portfolio [--wave W])\n"
                               "         [--format pdf|html|csv|json] [--cutover DATE] [--from T --to T]\n"
                               "         [--paper a4|letter] [--organisation NAME] [--rehearsals-required N] -o FILE"),
               _("Writes the executive cutover report: the go/no-go verdict of each project with the rules it was\n"
                 "judged by and their evidence, rehearsals against the downtime target, replication lag, capacity,\n"
                 "costs, risks, readiness, approvals and the evidence index. CSV writes a folder with one file per\n"
                 "table. The format follows the file's extension unless --format is given. --cutover judges every\n"
                 "project at that date instead of its planned cutover; --from/--to choose the lag chart's window\n"
                 "(the last 7 days of samples by default). Prints each project's verdict."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, (char **) args->pdata, flags, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len > 0)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[0]);
  if (!lb_cli_only_options (options, allowed))
    return LB_CLI_USAGE;
  project_name = lb_cli_option_get (options, "project");
  wave_name = lb_cli_option_get (options, "wave");
  if ((project_name != NULL) == (lb_cli_option_get (options, "portfolio") != NULL || wave_name != NULL))
    return lb_cli_usage_error (_("give either --project P or --portfolio"));
  if ((output = lb_cli_option_get (options, "output")) == NULL)
    return lb_cli_usage_error (_("-o FILE is required"));
  if ((status = guess_format (output, lb_cli_option_get (options, "format"), &format)) != LB_CLI_OK)
    return status;

  lb_report_options_init (&report_options);
  if ((status = read_report_options (options, &report_options)) != LB_CLI_OK)
    goto out;
  status = LB_CLI_FAILURE;
  if (lb_cli_get_store (cli) == NULL)
    goto out;
  if (project_name != NULL)
    {
      LbProject *record = lb_cli_lookup (cli, &lb_project_kind, project_name);

      if (record == NULL)
        goto out;
      project = lb_project_report_load (cli->store, record->id, &report_options, NULL, &error);
      lb_record_free (record);
    }
  else
    {
      if (wave_name != NULL)
        {
          LbWave *wave = lb_cli_lookup (cli, &lb_wave_kind, wave_name);

          if (wave == NULL)
            goto out;
          report_options.wave_id = wave->id;
          lb_record_free (wave);
        }
      portfolio = lb_portfolio_report_load (cli->store, &report_options, NULL, NULL, NULL, &error);
    }
  if ((project == NULL && portfolio == NULL) ||
      !lb_report_write (project, portfolio, format, &report_options, output, NULL, &error))
    {
      status = lb_cli_report_error (cli, error);
      goto out;
    }
  print_verdicts (cli, project, portfolio, output);
  status = LB_CLI_OK;

out:
  lb_report_options_clear (&report_options);
  return status;
}
