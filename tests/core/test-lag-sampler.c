/* test-lag-sampler.c: the lag sampler against a scripted lag timeline on the TDS test
 * server — the stored samples equal the script (units converted, unknown lag stored as
 * unknown), a dropped connection becomes a gap with its reason and sampling resumes, a
 * cancel from another thread ends it promptly, failures that retrying cannot mend stop it
 * with nothing written, and two projects sample at once.
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
#define REPLICA_COLUMNS \
  "[{\"name\": \"link_name\", \"type\": \"nvarchar\"}, {\"name\": \"database_name\", \"type\": \"nvarchar\"}," \
  " {\"name\": \"commit_lag_ms\", \"type\": \"bigint\"}, {\"name\": \"secondary_lag_seconds\", \"type\": \"bigint\"}," \
  " {\"name\": \"send_queue_kb\", \"type\": \"bigint\"}, {\"name\": \"send_rate_kbps\", \"type\": \"bigint\"}," \
  " {\"name\": \"redo_queue_kb\", \"type\": \"bigint\"}, {\"name\": \"redo_rate_kbps\", \"type\": \"bigint\"}," \
  " {\"name\": \"synchronization_state_desc\", \"type\": \"nvarchar\", \"length\": 60}," \
  " {\"name\": \"synchronization_health_desc\", \"type\": \"nvarchar\", \"length\": 60}]"
#define COUNTER_COLUMNS \
  "[{\"name\": \"database_name\", \"type\": \"nvarchar\"}, {\"name\": \"log_bytes_flushed\", \"type\": \"bigint\"}]"

/* The scripted lag of each poll in ms ("null": not reported yet), or a fault. */
static char *
timeline_script (const char *const *steps)
{
  GString *script = g_string_new ("{" LOGINS ", \"queries\": [{\"match\": \"dm_hadr_database_replica_states\", "
                                   "\"responses\": [");

  for (guint i = 0; steps[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (script, ", ");
      if (g_str_has_prefix (steps[i], "fault:"))
        g_string_append_printf (script, "{\"fault\": \"%s\"}", steps[i] + 6);
      else
        g_string_append_printf (script,
                                "{\"results\": [{\"columns\": " REPLICA_COLUMNS ", \"rows\": ["
                                "[\"DAG_ERP\", \"ERP\", %s, 2, %u, 256, 1024, 512, \"SYNCHRONIZING\", \"HEALTHY\"],"
                                "[\"DAG_WMS\", \"WMS\", %s, 9, 1, 1, 1, 1, \"NOT SYNCHRONIZING\", \"NOT_HEALTHY\"]]},"
                                " {\"columns\": " COUNTER_COLUMNS ", \"rows\": [[\"ERP\", %u], [\"WMS\", 1]]}]}",
                                steps[i], 100 + i, steps[i], 1000000 * (i + 1));
    }
  g_string_append (script, "]}]}");
  return g_string_free (script, FALSE);
}

typedef struct
{
  char        *dir;
  char        *path;
  LbStore     *store;
  gint64       erp_id;
  gint64       wms_id;
  CoreTestTds *tds;
  GPtrArray   *events; /* event kinds seen, as GINT_TO_POINTER */
  GMutex       lock;
} Fixture;

static gint64
add_project (LbStore    *store,
             const char *name,
             const char *link,
             const char *database)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  gint64 id;

  project->name = g_strdup (name);
  project->link_name = g_strdup (link);
  project->source_database = g_strdup (database);
  g_assert_true (lb_store_insert (store, project, &error));
  g_assert_no_error (error);
  id = project->id;
  lb_record_free (project);
  return id;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = lb_test_tmpdir_new ();
  f->path = g_build_filename (f->dir, "sampler.db", NULL);
  f->store = lb_store_open (f->path, &error);
  g_assert_no_error (error);
  f->erp_id = add_project (f->store, "Plant ERP", "DAG_ERP", "ERP");
  f->wms_id = add_project (f->store, "Warehouse WMS", "DAG_WMS", "WMS");
  f->events = g_ptr_array_new ();
  g_mutex_init (&f->lock);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  core_test_tds_stop (f->tds);
  g_clear_object (&f->store);
  g_ptr_array_unref (f->events);
  g_mutex_clear (&f->lock);
  g_free (f->path);
  lb_test_tmpdir_free (f->dir);
}

static void
start_server (Fixture           *f,
              const char *const *steps)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *script = timeline_script (steps);

  f->tds = core_test_tds_start (script, &error);
  g_assert_no_error (error);
}

static LbConnectionProfile *
new_profile (Fixture *f)
{
  return core_test_tds_profile_new (f->tds);
}

static void
record_event (const LbLagSamplerEvent *event,
              gpointer                 user_data)
{
  Fixture *f = user_data;

  g_mutex_lock (&f->lock);
  g_ptr_array_add (f->events, GINT_TO_POINTER (event->kind));
  g_mutex_unlock (&f->lock);
}

static guint
count_kind (Fixture              *f,
            LbLagSamplerEventKind kind)
{
  guint n = 0;

  for (guint i = 0; i < f->events->len; i++)
    if (GPOINTER_TO_INT (f->events->pdata[i]) == (int) kind)
      n++;
  return n;
}


static gboolean
run (Fixture   *f,
     gint64     project_id,
     const char *password,
     guint      max_samples,
     guint     *n_samples,
     GError   **error)
{
  LbConnectionProfile *profile = new_profile (f);
  LbLagSamplerOptions options;
  gboolean ok;

  lb_lag_sampler_options_init (&options);
  options.interval_ms = 100;
  options.max_samples = max_samples;
  options.reconnect_max_ms = 400;
  ok = lb_lag_sampler_run (f->path, project_id, profile, password, &options, record_event, f, NULL, n_samples, error);
  lb_record_free (profile);
  return ok;
}

static void
test_timeline (Fixture      *f,
               gconstpointer data)
{
  static const char *const steps[] = { "1500", "800", "null", "-20", "30000", NULL };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  start_server (f, steps);
  g_assert_true (run (f, f->erp_id, "s3cret", 5, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);

  {
    /* Column by column: lag, engine lag, send queue, redo rate, state. */
    static const char *const expected[][5] = {
      { "1.5", "2.0", "100.0", "524288.0", "synchronizing" },
      { "0.8", "2.0", "101.0", "524288.0", "synchronizing" },
      { NULL, "2.0", "102.0", "524288.0", "synchronizing" },
      { "0.0", "2.0", "103.0", "524288.0", "synchronizing" },
      { "30.0", "2.0", "104.0", "524288.0", "synchronizing" },
    };
    static const char *const columns[] = { "lag_s", "secondary_lag_s", "log_send_queue_kb", "redo_rate_bps",
                                           "sync_state" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT %s FROM lag_sample WHERE project_id = %" G_GINT64_FORMAT
                                                  " ORDER BY t LIMIT 1 OFFSET %u", columns[c], f->erp_id, i);
          g_autofree char *value = lb_test_sql_text (f->path, sql);

          g_assert_cmpstr (value, ==, expected[i][c]);
        }
  }
  /* Rollups follow the samples through the bulk path; no gap in a steady stream. */
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT sum(n) FROM lag_rollup_minute"), ==, 4);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM lag_gap"), ==, 0);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM lag_sample WHERE source = 'sqlserver'"), ==, 5);
  g_assert_cmpuint (count_kind (f, LB_LAG_SAMPLER_CONNECTED), ==, 1);
  {
    /* The server is asked for the project's link and database only. */
    g_autoptr(JsonArray) events = core_test_tds_get_events (f->tds);
    guint rpcs = 0;

    for (guint i = 0; i < json_array_get_length (events); i++)
      {
        JsonObject *event = json_array_get_object_element (events, i);
        JsonArray *params;

        if (g_strcmp0 (json_object_get_string_member (event, "event"), "rpc") != 0)
          continue;
        params = json_object_get_array_member (event, "params");
        g_assert_cmpstr (json_array_get_string_element (params, 0), ==, "DAG_ERP");
        g_assert_cmpstr (json_array_get_string_element (params, 1), ==, "ERP");
        rpcs++;
      }
    g_assert_cmpuint (rpcs, ==, 5);
  }
}

static void
test_drop_gap_resume (Fixture      *f,
                      gconstpointer data)
{
  static const char *const steps[] = { "1000", "1100", "fault:drop", "fault:close", "1200", "1300", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autofree char *reason = NULL;
  guint n = 0;

  start_server (f, steps);
  g_assert_true (run (f, f->erp_id, "s3cret", 4, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (count_kind (f, LB_LAG_SAMPLER_LOST), ==, 2);
  g_assert_cmpuint (count_kind (f, LB_LAG_SAMPLER_CONNECTED), ==, 3);
  /* Never zero lag for the outage: one gap between the second and third sample. */
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM lag_sample WHERE lag_s = 0"), ==, 0);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM lag_gap"), ==, 1);
  g_assert_cmpint (lb_test_sql_int (f->path,
                               "SELECT count(*) FROM lag_gap g WHERE g.start_t = (SELECT t FROM lag_sample ORDER BY t "
                               "LIMIT 1 OFFSET 1) AND g.end_t = (SELECT t FROM lag_sample ORDER BY t LIMIT 1 OFFSET 2)"),
                   ==, 1);
  reason = lb_test_sql_text (f->path, "SELECT reason FROM lag_gap");
  lb_test_assert_contains (reason, "connection lost");
  g_assert_cmpuint (core_test_tds_count_events (f->tds, "login"), ==, 3);
}

typedef struct
{
  Fixture      *f;
  GCancellable *cancellable;
  gboolean      ok;
  guint         n;
  GError       *error;
} Job;

static gpointer
sample_forever (gpointer data)
{
  Job *job = data;
  LbConnectionProfile *profile = new_profile (job->f);
  LbLagSamplerOptions options;

  lb_lag_sampler_options_init (&options);
  options.interval_ms = 60000; /* the cancel must cut the wait short */
  job->ok = lb_lag_sampler_run (job->f->path, job->f->erp_id, profile, "s3cret", &options, NULL, NULL,
                                job->cancellable, &job->n, &job->error);
  lb_record_free (profile);
  return NULL;
}

static void
test_cancel (Fixture      *f,
             gconstpointer data)
{
  static const char *const steps[] = { "1000", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Job job = { f, cancellable, FALSE, 0, NULL };
  GThread *thread;
  gint64 cancelled_at;

  start_server (f, steps);
  thread = g_thread_new ("sampler", sample_forever, &job);
  g_assert_true (core_test_tds_wait_events (f->tds, "rpc", 1, 10000));
  cancelled_at = g_get_monotonic_time ();
  g_cancellable_cancel (cancellable);
  g_thread_join (thread);
  /* A cancel is a normal stop, not a failure; it did not wait out the interval. */
  g_assert_true (job.ok);
  g_assert_no_error (job.error);
  g_assert_cmpuint (job.n, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, 15 * G_USEC_PER_SEC);
}

static void
test_fatal_failures (Fixture      *f,
                     gconstpointer data)
{
  static const char *const steps[] = { "1000", NULL };
  g_autoptr(GError) error = NULL;
  guint n = 99;
  gint64 missing;

  start_server (f, steps);
  g_assert_false (run (f, f->erp_id, "wrong", 3, &n, &error));
  g_assert_error (error, LB_SQL_ERROR, LB_SQL_ERROR_LOGIN_FAILED);
  g_assert_cmpuint (n, ==, 0);
  g_clear_error (&error);

  /* A project whose link the server does not have. */
  missing = add_project (f->store, "Payroll", "DAG_PAY", "PAY");
  g_assert_false (run (f, missing, "s3cret", 3, &n, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  lb_test_assert_contains (error->message, "DAG_PAY / PAY");
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM lag_sample"), ==, 0);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM lag_gap"), ==, 0);
}

static gpointer
sample_three (gpointer data)
{
  Job *job = data;

  job->ok = run (job->f, GPOINTER_TO_SIZE (job->cancellable), "s3cret", 3, &job->n, &job->error);
  return NULL;
}

static void
test_two_projects_at_once (Fixture      *f,
                           gconstpointer data)
{
  static const char *const steps[] = { "1000", "2000", "3000", "4000", "5000", "6000", NULL };
  Job erp = { f, GSIZE_TO_POINTER (f->erp_id), FALSE, 0, NULL };
  Job wms = { f, GSIZE_TO_POINTER (f->wms_id), FALSE, 0, NULL };
  GThread *a, *b;

  start_server (f, steps);
  a = g_thread_new ("erp", sample_three, &erp);
  b = g_thread_new ("wms", sample_three, &wms);
  g_thread_join (a);
  g_thread_join (b);
  g_assert_no_error (erp.error);
  g_assert_no_error (wms.error);
  g_assert_cmpuint (erp.n + wms.n, ==, 6);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(*) FROM lag_sample WHERE sync_state = 'not_synchronizing'"),
                   ==, 3);
  g_assert_cmpint (lb_test_sql_int (f->path, "SELECT count(DISTINCT project_id) FROM lag_sample"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  char *runtime = core_test_tds_runtime_new ();
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lag-sampler/timeline", test_timeline);
  ADD ("/lag-sampler/drop-gap-resume", test_drop_gap_resume);
  ADD ("/lag-sampler/cancel", test_cancel);
  ADD ("/lag-sampler/fatal-failures", test_fatal_failures);
  ADD ("/lag-sampler/two-projects-at-once", test_two_projects_at_once);
#undef ADD
  status = g_test_run ();
  core_test_tds_runtime_free (runtime);
  return status;
}
