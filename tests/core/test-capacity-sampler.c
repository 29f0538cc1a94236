/* test-capacity-sampler.c: a capacity test measured through the real driver against a
 * scripted source — counter deltas become rates (log MiB/s per database and in total,
 * IOPS, MiB/s, latency per I/O), a counter that goes back is not a rate, the stored test
 * carries peaks and p95 with the workbench verdict for the target SKU and the intervals as
 * evidence; a project without a target SKU or a window too short stores nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "core-test-tds.h"
#include "lb-core.h"
#include "lb-test-util.h"
#include "sqlserver/lb-freetds-conf.h"

#define LOGINS "\"logins\": [{\"user\": \"linkbench\", \"password\": \"s3cret\"}]"
#define MIB 1048576.0

/* One poll's answer: cumulative counters after @k steps of 4 MiB (ERP) + 1 MiB (WMS) of
 * log, 500 data I/Os of 8 KiB with 1000 ms stall, 100 log writes of 40 KiB with 200 ms. */
static char *
poll_answer (guint k,
             guint cpu)
{
  return g_strdup_printf (
    "{\"results\": ["
    "{\"columns\": [{\"name\": \"database_name\", \"type\": \"nvarchar\"}, {\"name\": \"log_bytes_flushed\", \"type\": \"bigint\"}],"
    " \"rows\": [[\"ERP\", %.0f], [\"WMS\", %.0f], [\"_Total\", 999999999999], [\"tempdb\", %.0f]]},"
    "{\"columns\": [{\"name\": \"database_name\", \"type\": \"nvarchar\"}, {\"name\": \"type_desc\", \"type\": \"nvarchar\"},"
    " {\"name\": \"num_of_reads\", \"type\": \"bigint\"}, {\"name\": \"num_of_writes\", \"type\": \"bigint\"},"
    " {\"name\": \"num_of_bytes_read\", \"type\": \"bigint\"}, {\"name\": \"num_of_bytes_written\", \"type\": \"bigint\"},"
    " {\"name\": \"io_stall_read_ms\", \"type\": \"bigint\"}, {\"name\": \"io_stall_write_ms\", \"type\": \"bigint\"}],"
    " \"rows\": [[\"ERP\", \"ROWS\", %u, %u, %u, %u, %u, %u], [\"ERP\", \"LOG\", 0, %u, 0, %u, 0, %u]]},"
    "{\"columns\": [{\"name\": \"sql_cpu_pct\", \"type\": \"int\"}, {\"name\": \"total_cpu_pct\", \"type\": \"int\"},"
    " {\"name\": \"memory_in_use_mb\", \"type\": \"bigint\"}], \"rows\": [[%u, %u, 24576]]}]}",
    4 * MIB * k, 1 * MIB * k, 50 * MIB * k,
    250 * k, 250 * k, 8192 * 250 * k, 8192 * 250 * k, 500 * k, 500 * k,
    100 * k, 40960 * 100 * k, 200 * k,
    cpu - 5, cpu);
}

static void
test_intervals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = poll_answer (1, 40);
  g_autofree char *second = poll_answer (3, 60);
  g_autoptr(JsonParser) parser = json_parser_new ();
  LbCapacitySnapshot a, b;
  LbCapacityInterval interval;
  LbSqlResult *results[2];
  const char *answers[2] = { first, second };

  /* Build results as the driver would hand them over: every value as text. */
  for (guint i = 0; i < 2; i++)
    {
      JsonArray *sets;

      g_assert_true (json_parser_load_from_data (parser, answers[i], -1, &error));
      sets = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "results");
      results[i] = lb_sql_result_new ();
      for (guint s = 0; s < json_array_get_length (sets); s++)
        {
          JsonObject *set = json_array_get_object_element (sets, s);
          JsonArray *columns = json_object_get_array_member (set, "columns");
          JsonArray *rows = json_object_get_array_member (set, "rows");
          GStrv names = g_new0 (char *, json_array_get_length (columns) + 1);
          LbSqlRowSet *rowset;

          for (guint c = 0; c < json_array_get_length (columns); c++)
            names[c] = g_strdup (json_object_get_string_member (json_array_get_object_element (columns, c), "name"));
          rowset = lb_sql_result_add_set (results[i], names);
          for (guint r = 0; r < json_array_get_length (rows); r++)
            {
              JsonArray *row = json_array_get_array_element (rows, r);
              char **values = g_new0 (char *, json_array_get_length (row));

              for (guint c = 0; c < json_array_get_length (row); c++)
                {
                  JsonNode *node = json_array_get_element (row, c);

                  values[c] = json_node_get_value_type (node) == G_TYPE_STRING ? g_strdup (json_node_get_string (node))
                              : g_strdup_printf ("%.0f", json_node_get_double (node));
                }
              lb_sql_row_set_add_row (rowset, values);
            }
        }
    }

  g_assert_true (lb_capacity_snapshot_read (results[0], 0, &a, &error));
  g_assert_no_error (error);
  g_assert_true (lb_capacity_snapshot_read (results[1], 2000, &b, &error));
  /* _Total and tempdb are not user databases. */
  g_assert_cmpfloat (a.log_bytes_total, ==, 5 * MIB);
  lb_capacity_interval_between (&a, &b, &interval);
  g_assert_cmpfloat_with_epsilon (interval.log_mibps, 5.0, 1e-9);      /* 10 MiB in 2 s */
  g_assert_cmpfloat_with_epsilon (interval.iops, (1000 + 200) / 2.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (interval.data_latency_ms, 2000.0 / 1000, 1e-9);
  g_assert_cmpfloat_with_epsilon (interval.log_latency_ms, 400.0 / 200, 1e-9);
  g_assert_cmpfloat (interval.cpu_pct, ==, 60);
  g_assert_cmpstr (interval.busiest_database, ==, "ERP");
  g_assert_cmpfloat_with_epsilon (interval.busiest_log_mibps, 4.0, 1e-9);
  lb_capacity_interval_clear (&interval);

  /* Backwards (a restart between the polls): no rate, not a negative one. */
  lb_capacity_interval_between (&b, &a, &interval);
  g_assert_true (isnan (interval.log_mibps) || interval.log_mibps >= 0);
  lb_capacity_interval_clear (&interval);
  b.t = 4000;
  a.t = 6000;
  lb_capacity_interval_between (&b, &a, &interval);
  g_assert_true (isnan (interval.log_mibps));
  g_assert_true (isnan (interval.iops));
  lb_capacity_interval_clear (&interval);

  lb_capacity_snapshot_clear (&a);
  lb_capacity_snapshot_clear (&b);
  lb_sql_result_free (results[0]);
  lb_sql_result_free (results[1]);
}

static void
test_summarize (void)
{
  g_autoptr(GArray) intervals = g_array_new (FALSE, TRUE, sizeof (LbCapacityInterval));
  LbCapacityTest *test = lb_record_new (&lb_capacity_test_kind);

  g_assert_false (lb_capacity_summarize (intervals, test));
  for (guint i = 1; i <= 20; i++)
    {
      LbCapacityInterval interval = { .t = i * 1000, .log_mibps = i, .iops = 100 * i, .throughput_mibps = i / 2.0,
                                      .data_latency_ms = 1, .log_latency_ms = 2, .cpu_pct = 3 * i,
                                      .memory_in_use_mb = 1000, .busiest_database = NULL, .busiest_log_mibps = NAN };

      g_array_append_val (intervals, interval);
    }
  g_assert_true (lb_capacity_summarize (intervals, test));
  g_assert_cmpfloat (test->log_gen_peak_mibps, ==, 20);
  g_assert_cmpfloat (test->log_gen_p95_mibps, ==, 19);
  g_assert_cmpfloat (test->iops, ==, 1900);
  g_assert_cmpfloat (test->cpu_pct, ==, 57);
  g_assert_cmpfloat (test->io_latency_ms, ==, 2);
  lb_test_assert_contains (test->findings, "20 intervals");
  lb_test_assert_contains (test->findings, "log generation peak 20.0 MiB/s, p95 19.0 MiB/s");

  /* A float percentile of a value like 361.01 must not round above the peak: the record
   * refuses a p95 over the peak. */
  g_array_set_size (intervals, 0);
  for (guint i = 0; i < 3; i++)
    {
      LbCapacityInterval interval = { .t = i * 1000, .log_mibps = i == 0 ? 361.01 : 0, .iops = NAN,
                                      .throughput_mibps = NAN, .data_latency_ms = NAN, .log_latency_ms = NAN,
                                      .cpu_pct = NAN, .memory_in_use_mb = NAN, .busiest_log_mibps = NAN };

      g_array_append_val (intervals, interval);
    }
  g_assert_true (lb_capacity_summarize (intervals, test));
  g_assert_cmpfloat (test->log_gen_p95_mibps, <=, test->log_gen_peak_mibps);
  {
    g_autoptr(GError) error = NULL;

    test->project_id = 1;
    test->tested_at = 1;
    test->method = LB_CAPACITY_PRODUCTION_SAMPLING;
    test->target_tier = LB_TIER_GENERAL_PURPOSE;
    test->target_vcores = 8;
    test->duration_min = 1;
    test->verdict = LB_VERDICT_PASS;
    g_assert_true (lb_record_validate (test, &error));
    g_assert_no_error (error);
  }
  lb_record_free (test);
}

static void
test_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "capacity.db", NULL);
  g_autoptr(LbStore) store = lb_store_open (path, &error);
  g_autoptr(GString) script = g_string_new ("{" LOGINS ", \"queries\": [{\"match\": \"dm_io_virtual_file_stats\", "
                                            "\"responses\": [");
  g_autoptr(CoreTestTds) tds = NULL;
  LbConnectionProfile *profile = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  LbProject *bare = lb_record_new (&lb_project_kind);
  LbCapacityTest *test;
  gint64 id;

  for (guint k = 0; k < 8; k++)
    {
      g_autofree char *answer = poll_answer (k, 20 + 5 * k);

      g_string_append_printf (script, "%s%s", k > 0 ? ", " : "", answer);
    }
  g_string_append (script, "]}]}");
  tds = core_test_tds_start (script->str, &error);
  g_assert_no_error (error);

  project->name = g_strdup ("Plant ERP");
  project->target_tier = LB_TIER_GENERAL_PURPOSE;
  project->target_hardware = LB_HARDWARE_STANDARD;
  project->target_vcores = 8;
  project->target_storage_gb = 1024;
  g_assert_true (lb_store_insert (store, project, &error));
  bare->name = g_strdup ("No target yet");
  g_assert_true (lb_store_insert (store, bare, &error));
  g_assert_no_error (error);
  profile = core_test_tds_profile_new (tds);

  /* No target SKU: nothing measured, nothing stored. */
  g_assert_cmpint (lb_capacity_sampler_run (path, bare->id, profile, "s3cret", 50, 300, NULL, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  lb_test_assert_contains (error->message, "target SKU");
  g_clear_error (&error);
  g_assert_cmpuint (core_test_tds_count_events (tds, "login"), ==, 0);

  id = lb_capacity_sampler_run (path, project->id, profile, "s3cret", 100, 650, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  test = lb_store_get (store, &lb_capacity_test_kind, id, &error);
  g_assert_cmpint (test->method, ==, LB_CAPACITY_PRODUCTION_SAMPLING);
  g_assert_cmpint (test->target_vcores, ==, 8);
  g_assert_cmpint (test->verdict, !=, LB_UNSET_ENUM);
  g_assert_cmpfloat (test->log_gen_peak_mibps, >, 0);
  g_assert_cmpfloat (test->log_gen_p95_mibps, <=, test->log_gen_peak_mibps);
  g_assert_cmpfloat_with_epsilon (test->io_latency_ms, 2, 1e-9);
  lb_test_assert_contains (test->findings, "most from ERP");
  g_assert_cmpint (lb_test_sql_int (path, "SELECT count(*) FROM evidence WHERE title LIKE 'Capacity sampling%'"), ==, 1);
  lb_record_free (test);

  /* A window too short for two polls measures no interval: an error, nothing stored. */
  g_assert_cmpint (lb_capacity_sampler_run (path, project->id, profile, "s3cret", 1000, 1, NULL, NULL, NULL, &error), ==,
                   0);
  lb_test_assert_contains (error->message, "No interval was measured");
  g_assert_cmpint (lb_test_sql_int (path, "SELECT count(*) FROM capacity_test"), ==, 1);

  lb_record_free (profile);
  lb_record_free (project);
  lb_record_free (bare);
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int   argc,
      char *argv[])
{
  char *runtime = core_test_tds_runtime_new ();
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/capacity-sampler/intervals", test_intervals);
  g_test_add_func ("/capacity-sampler/summarize", test_summarize);
  g_test_add_func ("/capacity-sampler/run", test_run);
  status = g_test_run ();
  core_test_tds_runtime_free (runtime);
  return status;
}
