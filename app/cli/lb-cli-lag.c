/* lb-cli-lag.c: linkbench-cli chart — the replication-lag chart as PNG, SVG or PDF — and
 * linkbench-cli lag stats — what the lag did in a window.
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
  LbProject   *project;
  LbLagSeries *series;
  gint64       from, to;
} LagWindow;

static void
lag_window_clear (LagWindow *w)
{
  g_clear_pointer (&w->project, lb_record_free);
  g_clear_pointer (&w->series, lb_lag_series_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LagWindow, lag_window_clear)

/* --project P [--from T] [--to T]: the project, its series and the window (the whole
 * history by default). Returns an exit status. */
static int
load_window (LbCli     *cli,
             GArray    *options,
             LagWindow *w)
{
  const char *from = lb_cli_option_get (options, "from");
  const char *to = lb_cli_option_get (options, "to");
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = lb_cli_project_option (cli, options, &w->project)) != LB_CLI_OK)
    return status;
  if ((w->series = lb_lag_series_load (lb_store_get_path (cli->store), w->project->id, NULL, &error)) == NULL)
    return lb_cli_report_error (cli, error);
  if (!lb_lag_series_get_extent (w->series, &w->from, &w->to))
    w->from = w->to = lb_time_now_ms ();
  if (from != NULL && !lb_time_parse (from, NULL, &w->from))
    return lb_cli_usage_error (_("--from: “%s” is not a time such as 2026-11-29 13:05"), from);
  if (to != NULL && !lb_time_parse (to, NULL, &w->to))
    return lb_cli_usage_error (_("--to: “%s” is not a time such as 2026-11-29 13:05"), to);
  if (w->to <= w->from)
    {
      /* An empty history, or a single sample: show the hour around it. */
      if (from == NULL && to == NULL)
        {
          w->from -= 30 * 60000;
          w->to += 30 * 60000;
        }
      else
        return lb_cli_usage_error (_("--to must be after --from"));
    }
  return LB_CLI_OK;
}

int
lb_cli_chart_run (LbCli *cli,
                  int    argc,
                  char **argv)
{
  static const char *const allowed[] = { "project", "from", "to", "width", "height", "output", "dark", "queues",
                                         "log-scale", NULL };
  static const char *const flags[] = { "dark", "queues", "log-scale", NULL };
  g_autoptr(GPtrArray) args = lb_cli_expand_output_option (argc, argv);
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GArray) markers = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LagWindow) w = { 0 };
  const char *output, *width_text, *height_text;
  gint64 width = 1600, height = 500;
  LbLagChartSpec spec = { 0 };
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] chart --project P [--from T] [--to T] "
                               "[--width W --height H] [--queues] [--log-scale] [--dark] -o FILE.png|.svg|.pdf"),
               _("Draws the project's replication lag with its threshold, gaps and rehearsals, as the Lag page\n"
                 "shows it. The whole history by default; times are local unless they carry an offset."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, (char **) args->pdata, flags, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len > 0)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[0]);
  if (!lb_cli_only_options (options, allowed))
    return LB_CLI_USAGE;
  if ((output = lb_cli_option_get (options, "output")) == NULL)
    return lb_cli_usage_error (_("-o FILE is required"));
  width_text = lb_cli_option_get (options, "width");
  height_text = lb_cli_option_get (options, "height");
  if ((width_text != NULL && !g_ascii_string_to_signed (width_text, 10, 200, 10000, &width, NULL)) ||
      (height_text != NULL && !g_ascii_string_to_signed (height_text, 10, 120, 10000, &height, NULL)))
    return lb_cli_usage_error (_("--width must be 200 to 10000 and --height 120 to 10000 pixels"));
  if (lb_cli_get_store (cli) == NULL)
    return LB_CLI_FAILURE;
  if ((status = load_window (cli, options, &w)) != LB_CLI_OK)
    return status;
  if ((markers = lb_lag_markers_load (cli->store, w.project->id, &error)) == NULL)
    return lb_cli_report_error (cli, error);

  spec.series = w.series;
  spec.from = w.from;
  spec.to = w.to;
  spec.threshold_s = w.project->lag_threshold_s;
  spec.markers = (const LbChartMarker *) markers->data;
  spec.n_markers = markers->len;
  for (guint i = 0; i < options->len; i++)
    {
      const char *key = g_array_index (options, LbCliOption, i).key;

      spec.show_send_queue |= g_str_equal (key, "queues");
      spec.log_scale |= g_str_equal (key, "log-scale");
      spec.dark |= g_str_equal (key, "dark");
    }
  spec.show_redo_queue = spec.show_send_queue;
  spec.title = w.project->name;
  if (!lb_lag_chart_export (&spec, (int) width, (int) height, output, &error))
    return lb_cli_report_error (cli, error);
  if (!cli->json)
    g_print (_("Wrote %s (%u samples).\n"), output, lb_lag_series_get_n_samples (w.series));
  return LB_CLI_OK;
}

static char *
format_s (double v)
{
  return isnan (v) ? g_strdup ("—") : g_strdup_printf ("%.2f s", v);
}

static int
lag_stats (LbCli *cli,
           int    argc,
           char **argv)
{
  static const char *const allowed[] = { "project", "from", "to", NULL };
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_auto(LagWindow) w = { 0 };
  LbLagStats stats;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] lag stats --project P [--from T] [--to T]"),
               _("Percentiles and maximum of the lag, time above the project's threshold, the longest breach\n"
                 "and the sampling gaps, over the whole history or the window given."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (positional->len > 0)
    return lb_cli_usage_error (_("unexpected argument “%s”"), (char *) positional->pdata[0]);
  if (!lb_cli_only_options (options, allowed))
    return LB_CLI_USAGE;
  if (lb_cli_get_store (cli) == NULL)
    return LB_CLI_FAILURE;
  if ((status = load_window (cli, options, &w)) != LB_CLI_OK)
    return status;

  /* The window includes its last instant. */
  lb_lag_stats_compute (w.series, w.from, w.to + 1, w.project->lag_threshold_s, &stats);
  if (cli->json)
    {
      g_autoptr(JsonNode) node = lb_lag_stats_to_json (&stats);

      lb_cli_print_json (node);
      return LB_CLI_OK;
    }
  {
    g_autofree char *from = lb_time_format_local (stats.from);
    g_autofree char *to = lb_time_format_local (w.to);
    g_autofree char *p50 = format_s (stats.p50);
    g_autofree char *p95 = format_s (stats.p95);
    g_autofree char *p99 = format_s (stats.p99);
    g_autofree char *max = format_s (stats.max);
    g_autofree char *max_at = stats.max_at != LB_UNSET_INT ? lb_time_format_local (stats.max_at) : g_strdup ("—");
    g_autofree char *gap = lb_duration_format (stats.gap_ms);

    g_print ("%s — %s\n", from, to);
    g_print (_("Samples:        %u\n"), stats.n_samples);
    g_print (_("Lag p50/p95/p99: %s / %s / %s\n"), p50, p95, p99);
    g_print (_("Maximum:        %s at %s\n"), max, max_at);
    if (!isnan (stats.threshold_s))
      {
        g_autofree char *above = lb_duration_format (stats.above_ms);
        g_autofree char *longest = lb_duration_format (stats.longest_breach_ms);
        g_autofree char *since = stats.longest_breach_start != LB_UNSET_INT
                                 ? lb_time_format_local (stats.longest_breach_start) : g_strdup ("—");

        g_print (_("Above %g s:     %.2f %% of the time (%s)\n"), stats.threshold_s, stats.pct_above, above);
        g_print (_("Longest breach: %s, from %s\n"), longest, since);
      }
    else
      g_print ("%s\n", _("No lag threshold is set for the project."));
    g_print (_("Gaps:           %u, %s in all\n"), stats.n_gaps, gap);
  }
  return LB_CLI_OK;
}

/* lag import --project P FILE.csv */
static int
lag_import (LbCli *cli,
            int    argc,
            char **argv)
{
  static const char *const allowed[] = { "project", NULL };
  g_autoptr(GPtrArray) positional = NULL;
  g_autoptr(GArray) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagCsvReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  LbProject *project;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n", _("Usage: linkbench-cli [--db PATH] [--json] lag import --project P FILE.csv"),
               _("Stores lag samples from CSV: a header row naming time and lag_seconds (and optionally\n"
                 "log_send_queue_kb, redo_queue_kb, secondary_lag_seconds), or columns in that order without one.\n"
                 "Times are ISO 8601, local (2026-11-29 14:05:00) or Unix seconds. Rows that cannot be read are\n"
                 "listed with their number and reason and the others stored; a file with no readable row, a\n"
                 "cancelled or a refused import stores nothing. Samples already stored are skipped."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options (argc, argv, NULL, &positional, &options))
    return LB_CLI_USAGE;
  if (!lb_cli_only_options (options, allowed))
    return LB_CLI_USAGE;
  if (positional->len != 1)
    return lb_cli_usage_error (_("give one CSV FILE"));
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  file = g_file_new_for_commandline_arg (positional->pdata[0]);
  report = lb_lag_csv_import (cli->store, project->id, file, NULL, &error);
  lb_record_free (project);
  if (report == NULL)
    return lb_cli_report_error (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rows");
      json_builder_add_int_value (b, report->n_rows);
      json_builder_set_member_name (b, "written");
      json_builder_add_int_value (b, (gint64) report->written);
      json_builder_set_member_name (b, "duplicates");
      json_builder_add_int_value (b, (gint64) report->duplicates);
      json_builder_set_member_name (b, "rejected");
      json_builder_begin_array (b);
      for (guint i = 0; i < report->rejected->len; i++)
        {
          const LbLagCsvRejection *r = report->rejected->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "row");
          json_builder_add_int_value (b, r->row);
          json_builder_set_member_name (b, "reason");
          json_builder_add_string_value (b, r->reason);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      lb_cli_print_json (node);
      return LB_CLI_OK;
    }
  /* TRANSLATORS: "Stored 1438 of 1440 rows (0 already stored); 2 rows rejected:" */
  g_print (_("Stored %llu samples from %u rows (%llu already stored); %u rows rejected%s\n"),
           (unsigned long long) report->written, report->n_rows, (unsigned long long) report->duplicates,
           report->rejected->len, report->rejected->len > 0 ? ":" : ".");
  for (guint i = 0; i < report->rejected->len; i++)
    {
      const LbLagCsvRejection *r = report->rejected->pdata[i];

      /* TRANSLATORS: "  row 7: the lag “x” is not a number of seconds" */
      g_print (_("  row %u: %s\n"), r->row, r->reason);
    }
  return LB_CLI_OK;
}

int
lb_cli_lag_run (LbCli *cli,
                int    argc,
                char **argv)
{
  if (argc == 0 || lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n  %-8s %s\n  %-8s %s\n", _("Usage: linkbench-cli [--db PATH] [--json] lag COMMAND [OPTIONS]"),
               _("Replication lag history"), "stats", _("Percentiles, breaches and gaps in a window"), "import",
               _("Store lag samples from a CSV file"));
      return argc == 0 ? LB_CLI_USAGE : LB_CLI_OK;
    }
  if (g_str_equal (argv[0], "stats"))
    return lag_stats (cli, argc - 1, argv + 1);
  if (g_str_equal (argv[0], "import"))
    return lag_import (cli, argc - 1, argv + 1);
  return lb_cli_usage_error (_("“%s” is not a command of “%s”"), argv[0], "lag");
}
