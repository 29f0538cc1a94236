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

typedef struct
{
  char                *db_path;
  gint64               project_id;
  LbConnectionProfile *profile;
  char                *password;
  gint64               interval_ms;
  gint64               duration_ms;
  GCancellable        *cancellable;
  gint64               test_id;
  GError              *error;
} CapacityJob;

static void
print_interval (const LbCapacityInterval *interval,
                guint                     n_intervals,
                gpointer                  user_data)
{
  g_autofree char *when = lb_time_format_local_seconds (interval->t);
  g_autofree char *latency = isnan (interval->log_latency_ms) ? g_strdup ("–")
                                                              : g_strdup_printf ("%.1f ms", interval->log_latency_ms);
  g_autofree char *cpu = isnan (interval->cpu_pct) ? g_strdup ("–") : g_strdup_printf ("%.0f %%", interval->cpu_pct);

  /* TRANSLATORS: one interval of "capacity sample": time, log generation, IOPS, throughput, log latency, CPU */
  g_printerr (_("%s  log %.2f MiB/s  IOPS %.0f  %.2f MiB/s  log I/O %s  CPU %s\n"), when, interval->log_mibps,
              interval->iops, interval->throughput_mibps, latency, cpu);
}

static gpointer
capacity_thread (gpointer data)
{
  CapacityJob *job = data;

  job->test_id = lb_capacity_sampler_run (job->db_path, job->project_id, job->profile, job->password,
                                          job->interval_ms, job->duration_ms, print_interval, job, job->cancellable,
                                          &job->error);
  return NULL;
}

static int
capacity_sample (LbCli *cli,
                 int    argc,
                 char **argv)
{
  static const char *const allowed[] = { "project", "profile", "duration", "interval", NULL };
  g_autoptr(GArray) options = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CapacityJob job = { 0 };
  LbProject *project = NULL;
  int status;

  if (lb_cli_wants_help (argc, argv))
    {
      g_print ("%s\n\n%s\n",
               _("Usage: linkbench-cli [--db PATH] [--json] capacity sample --project P --profile X --duration D [--interval S]"),
               _("Measures the source for D (90, 90s, 15m, 2h), every S seconds (default 15): log generation per\n"
                 "database and in total, IOPS, throughput and latency of data and log files, CPU and memory.\n"
                 "Stores a capacity test of the project's target SKU with peaks and p95, judged against the\n"
                 "tier's limits, and keeps the intervals as evidence. Ctrl+C ends early and stores what was\n"
                 "measured. Needs VIEW SERVER STATE."));
      return LB_CLI_OK;
    }
  if (!lb_cli_parse_options_only (argc, argv, NULL, allowed, &options))
    return LB_CLI_USAGE;
  if (lb_cli_option_get (options, "duration") == NULL)
    return lb_cli_usage_error (_("--duration: give a length such as 90, 90s, 15m or 2h"));
  job.interval_ms = 15000;
  if (!lb_cli_time_option (options, "duration", 1, &job.duration_ms)
      || !lb_cli_time_option (options, "interval", 100, &job.interval_ms))
    return LB_CLI_USAGE;
  if ((status = lb_cli_project_option (cli, options, &project)) != LB_CLI_OK)
    return status;
  if ((job.profile = lb_cli_profile_option (cli, options, &job.password, &status)) == NULL)
    {
      lb_record_free (project);
      return status;
    }
  job.db_path = g_strdup (lb_store_get_path (cli->store));
  job.project_id = project->id;
  job.cancellable = cancellable;
  lb_cli_run_interruptible (capacity_thread, &job, cancellable);

  if (job.test_id == 0)
    status = lb_cli_report_error (cli, job.error);
  else
    {
      LbCapacityTest *test = lb_store_get (cli->store, &lb_capacity_test_kind, job.test_id, &job.error);

      if (test == NULL)
        status = lb_cli_report_error (cli, job.error);
      else
        {
          lb_cli_print_record (cli, test);
          if (!cli->json)
            show_evaluation (cli, test, NULL);
          lb_record_free (test);
          status = LB_CLI_OK;
        }
    }
  g_clear_error (&job.error);
  if (job.password != NULL)
    lb_sql_secret_free (job.password);
  g_free (job.db_path);
  lb_record_free (job.profile);
  lb_record_free (project);
  return status;
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
    { "sample", N_("Measure the live source and store a capacity test"), capacity_sample },
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
