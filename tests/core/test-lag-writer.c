/* test-lag-writer.c: bulk lag ingest, rollups, gaps, duplicates and failed batches.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>

#include "lb-core.h"
#include "lb-test-util.h"

typedef struct
{
  char    *dir;
  char    *path;
  LbStore *store;
  gint64   project_id;
} Fixture;

#define T0 G_GINT64_CONSTANT (1795957500000) /* 2026-11-29T13:05:00Z */

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);

  fixture->dir = lb_test_tmpdir_new ();
  fixture->path = g_build_filename (fixture->dir, "lag.db", NULL);
  fixture->store = lb_store_open (fixture->path, &error);
  g_assert_no_error (error);
  project->name = g_strdup ("Plant ERP");
  g_assert_true (lb_store_insert (fixture->store, project, &error));
  fixture->project_id = project->id;
  lb_record_free (project);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_assert_finalize_object (fixture->store);
  g_free (fixture->path);
  lb_test_tmpdir_free (fixture->dir);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
assert_healthy (Fixture *fixture)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lb_store_check (fixture->store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_rollups_match_recomputation (Fixture      *fixture,
                                  gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  LbLagWriter *writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_IMPORT, 0, &error);
  guint n = 20000;

  g_assert_no_error (error);
  /* Small batches so that buckets span batches and the upsert path is used. */
  lb_lag_writer_set_batch_size (writer, 777);
  for (guint i = 0; i < n; i++)
    {
      LbLagSample sample;

      /* Jittered, sometimes out of order, sometimes without a lag value. */
      lb_lag_sample_init (&sample, T0 + (gint64) i * 5000 + g_rand_int_range (rand, -4000, 4000));
      if (g_rand_int_range (rand, 0, 50) != 0)
        sample.lag_s = g_rand_double_range (rand, 0, 90);
      sample.log_send_queue_kb = g_rand_double_range (rand, 0, 5000);
      sample.sync_state = LB_SYNC_SYNCHRONIZING;
      sample.sync_health = LB_HEALTH_HEALTHY;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
      g_assert_no_error (error);
    }
  g_assert_true (lb_lag_writer_commit (writer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lb_lag_writer_get_written (writer) + lb_lag_writer_get_skipped (writer), ==, n);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_sample"), ==,
                   (gint64) lb_lag_writer_get_written (writer));
  lb_lag_writer_free (writer);

  g_assert_cmpint (query_int (fixture, "SELECT sum(n) FROM lag_rollup_minute"), ==,
                   query_int (fixture, "SELECT count(lag_s) FROM lag_sample"));
  g_assert_cmpint (query_int (fixture, "SELECT sum(n) FROM lag_rollup_hour"), ==,
                   query_int (fixture, "SELECT count(lag_s) FROM lag_sample"));
  /* lb_store_check recomputes every bucket from the raw samples. */
  assert_healthy (fixture);

  /* A second writer appends to the same buckets. */
  writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_IMPORT, 0, &error);
  for (guint i = 0; i < 500; i++)
    {
      LbLagSample sample;

      lb_lag_sample_init (&sample, T0 + (gint64) i * 5000 + 2500);
      sample.lag_s = 1000 + i;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
    }
  g_assert_true (lb_lag_writer_commit (writer, &error));
  lb_lag_writer_free (writer);
  assert_healthy (fixture);
  g_assert_cmpint (query_int (fixture, "SELECT max(max_lag_s) FROM lag_rollup_hour"), ==, 1499);
}

static void
test_duplicates_skipped (Fixture      *fixture,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbLagWriter *writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_ARM, 0, &error);
  LbLagSample sample;

  for (int round = 0; round < 2; round++)
    for (int i = 0; i < 100; i++)
      {
        lb_lag_sample_init (&sample, T0 + i * 5000);
        sample.lag_s = round == 0 ? 1.0 : 50.0;
        g_assert_true (lb_lag_writer_add (writer, &sample, &error));
      }
  g_assert_true (lb_lag_writer_commit (writer, &error));
  g_assert_cmpuint (lb_lag_writer_get_written (writer), ==, 100);
  g_assert_cmpuint (lb_lag_writer_get_skipped (writer), ==, 100);
  lb_lag_writer_free (writer);

  /* The first value stays, and the rollups count each instant once. */
  g_assert_cmpint (query_int (fixture, "SELECT max(lag_s) FROM lag_sample"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT sum(n) FROM lag_rollup_minute"), ==, 100);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_sample WHERE source = 'arm'"), ==, 100);
  assert_healthy (fixture);
}

static void
test_gaps_recorded (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbLagWriter *writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_SQLSERVER, 15000,
                                           &error);
  LbLagSample sample;
  gint64 t = T0;

  for (int i = 0; i < 50; i++, t += 5000)
    {
      lb_lag_sample_init (&sample, t);
      sample.lag_s = 0.5;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
    }
  /* 25 minutes without samples */
  t += 25 * 60000;
  for (int i = 0; i < 10; i++, t += 5000)
    {
      lb_lag_sample_init (&sample, t);
      sample.lag_s = 40;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
    }
  g_assert_true (lb_lag_writer_commit (writer, &error));
  lb_lag_writer_free (writer);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_gap"), ==, 1);
  g_assert_cmpint (query_int (fixture, "SELECT end_t - start_t FROM lag_gap"), ==, 25 * 60000 + 5000);

  /* A sampler restarted after an outage continues from the stored samples. */
  writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_SQLSERVER, 15000, &error);
  lb_lag_sample_init (&sample, t + 3600000);
  g_assert_true (lb_lag_writer_add (writer, &sample, &error));
  g_assert_true (lb_lag_writer_commit (writer, &error));
  lb_lag_writer_free (writer);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_gap"), ==, 2);
}

static void
test_failed_batch_rolls_back (Fixture      *fixture,
                              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbLagWriter *writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_IMPORT, 0, &error);
  LbLagSample sample;

  lb_lag_writer_set_batch_size (writer, 10);
  for (int i = 0; i < 25; i++)
    {
      lb_lag_sample_init (&sample, T0 + i * 5000);
      sample.lag_s = 2;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
    }
  /* Two full batches are committed; the third holds 5 samples when a bad one arrives. */
  lb_lag_sample_init (&sample, T0 + 26 * 5000);
  sample.lag_s = -3;
  g_assert_false (lb_lag_writer_add (writer, &sample, &error));
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_RANGE);
  g_assert_cmpuint (lb_lag_writer_get_written (writer), ==, 20);
  lb_lag_writer_free (writer);

  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_sample"), ==, 20);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'lag_sample'"), ==, 2);
  assert_healthy (fixture);
}

static void
test_uncommitted_discarded (Fixture      *fixture,
                            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbLagWriter *writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_IMPORT, 0, &error);
  LbLagSample sample;
  gint64 count = -1;

  lb_lag_sample_init (&sample, T0);
  sample.lag_s = 1;
  g_assert_true (lb_lag_writer_add (writer, &sample, &error));
  lb_lag_writer_free (writer);
  g_assert_true (lb_store_lag_extent (fixture->store, fixture->project_id, &count, NULL, NULL, &error));
  g_assert_cmpint (count, ==, 0);
  /* The store is usable afterwards: no transaction was left open. */
  assert_healthy (fixture);
}

static void
test_unknown_project (Fixture      *fixture,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbLagWriter *writer = lb_lag_writer_new (fixture->store, 4242, LB_LAG_SOURCE_IMPORT, 0, &error);

  g_assert_null (writer);
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

static void
test_extent_and_cascade (Fixture      *fixture,
                         gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbLagWriter *writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_IMPORT, 0, &error);
  LbLagSample sample;
  gint64 count = 0, first = 0, last = 0;

  for (int i = 0; i < 1000; i++)
    {
      lb_lag_sample_init (&sample, T0 + i * 5000);
      sample.lag_s = i % 7;
      g_assert_true (lb_lag_writer_add (writer, &sample, &error));
    }
  g_assert_true (lb_lag_writer_commit (writer, &error));
  lb_lag_writer_free (writer);
  g_assert_true (lb_store_lag_extent (fixture->store, fixture->project_id, &count, &first, &last, &error));
  g_assert_cmpint (count, ==, 1000);
  g_assert_cmpint (first, ==, T0);
  g_assert_cmpint (last, ==, T0 + 999 * 5000);

  g_assert_true (lb_store_delete (fixture->store, &lb_project_kind, fixture->project_id, &error));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_sample"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_rollup_minute"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_rollup_hour"), ==, 0);
  assert_healthy (fixture);
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static guint
count_problems (Fixture *fixture)
{
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_true (lb_store_check (fixture->store, &problems, NULL));
  return problems->len;
}

/* The check must be able to fail: tamper with each kind of rollup value in turn. */
static void
test_check_detects_bad_rollups (Fixture      *fixture,
                                gconstpointer data)
{
  static const char *const tampering[] = {
    "UPDATE lag_rollup_minute SET n = n + 1 WHERE bucket = (SELECT min(bucket) FROM lag_rollup_minute)",
    "UPDATE lag_rollup_minute SET max_lag_s = max_lag_s + 0.5 WHERE bucket = (SELECT max(bucket) FROM lag_rollup_minute)",
    "UPDATE lag_rollup_hour SET sum_lag_s = sum_lag_s * 2",
    "DELETE FROM lag_rollup_minute WHERE bucket = (SELECT min(bucket) FROM lag_rollup_minute)",
    "DELETE FROM lag_sample WHERE t = (SELECT max(t) FROM lag_sample)",
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tampering); i++)
    {
      LbLagWriter *writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_IMPORT, 0, &error);
      LbLagSample sample;

      exec_sql (fixture, "DELETE FROM lag_sample; DELETE FROM lag_rollup_minute; DELETE FROM lag_rollup_hour");
      for (int j = 0; j < 3000; j++)
        {
          lb_lag_sample_init (&sample, T0 + j * 5000);
          sample.lag_s = 1 + j % 11;
          g_assert_true (lb_lag_writer_add (writer, &sample, &error));
        }
      g_assert_true (lb_lag_writer_commit (writer, &error));
      lb_lag_writer_free (writer);
      g_assert_cmpuint (count_problems (fixture), ==, 0);
      exec_sql (fixture, tampering[i]);
      g_assert_cmpuint (count_problems (fixture), >, 0);
    }
}

/* The project is checked inside each batch: one deleted by another program after the writer
 * was made gets no orphan samples, and the connection's foreign keys stay on. */
static void
test_project_deleted_meanwhile (Fixture      *fixture,
                                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LbLagWriter *writer = lb_lag_writer_new (fixture->store, fixture->project_id, LB_LAG_SOURCE_IMPORT, 0, &error);
  LbLagSample sample;
  LbProject *other = lb_record_new (&lb_project_kind);

  g_assert_no_error (error);
  exec_sql (fixture, "PRAGMA foreign_keys = ON; DELETE FROM project");
  lb_lag_sample_init (&sample, T0);
  sample.lag_s = 1;
  g_assert_false (lb_lag_writer_add (writer, &sample, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
  lb_lag_writer_free (writer);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_sample"), ==, 0);

  /* Foreign keys are on again: deleting a project still removes its samples. */
  other->name = g_strdup ("Second");
  g_assert_true (lb_store_insert (fixture->store, other, NULL));
  writer = lb_lag_writer_new (fixture->store, other->id, LB_LAG_SOURCE_IMPORT, 0, &error);
  g_assert_true (lb_lag_writer_add (writer, &sample, &error));
  g_assert_true (lb_lag_writer_commit (writer, &error));
  lb_lag_writer_free (writer);
  g_assert_true (lb_store_delete (fixture->store, &lb_project_kind, other->id, &error));
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM lag_sample"), ==, 0);
  assert_healthy (fixture);
  lb_record_free (other);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lb/lag-writer/rollups-match-recomputation", test_rollups_match_recomputation);
  ADD ("/lb/lag-writer/duplicates-skipped", test_duplicates_skipped);
  ADD ("/lb/lag-writer/gaps-recorded", test_gaps_recorded);
  ADD ("/lb/lag-writer/failed-batch-rolls-back", test_failed_batch_rolls_back);
  ADD ("/lb/lag-writer/uncommitted-discarded", test_uncommitted_discarded);
  ADD ("/lb/lag-writer/unknown-project", test_unknown_project);
  ADD ("/lb/lag-writer/extent-and-cascade", test_extent_and_cascade);
  ADD ("/lb/lag-writer/check-detects-bad-rollups", test_check_detects_bad_rollups);
  ADD ("/lb/lag-writer/project-deleted-meanwhile", test_project_deleted_meanwhile);
#undef ADD

  return g_test_run ();
}
