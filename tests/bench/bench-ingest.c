/* bench-ingest.c: lag-sample ingest through LbStore + LbLagWriter, compared with the
 * sqlite3 shell importing the same samples from CSV into a bare table, in the same run.
 *
 *   build-bench/tests/bench/bench-ingest [--samples N] [--keep] [--core-only]
 *
 * --core-only runs only the Linkbench ingest (no CSV, no sqlite3, no check): for profiling
 * the lag writer with `perf record -g`.
 *
 * Prints one line per figure, "bench: <name> <value> <unit>", then a sentence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "lb-core.h"

#define INTERVAL_MS 5000
#define START_MS G_GINT64_CONSTANT (1767225600000) /* 2026-01-01T00:00:00Z */
#define MIB 1048576.0

/* The columns of lag_sample (schema-v1.sql) with their types, without keys or checks. */
#define BARE_TABLE                                                                        \
  "CREATE TABLE lag_sample (project_id INTEGER, t INTEGER, lag_s REAL, secondary_lag_s REAL," \
  " log_send_queue_kb REAL, redo_queue_kb REAL, send_rate_bps REAL, redo_rate_bps REAL,"      \
  " sync_state TEXT, sync_health TEXT, source TEXT);"

/* One link, five-second samples: lag around a second with nightly batch peaks of 20–90 s,
 * queues and rates that follow from the log generation, a short reconnect now and then. */
static LbLagSample *
make_samples (guint n)
{
  g_autoptr(GRand) rng = g_rand_new_with_seed (20260101);
  LbLagSample *samples = g_new (LbLagSample, n);
  double jitter = 0.8;
  double peak = 40;
  gint64 night = -1;
  guint reconnect = 0;

  for (guint i = 0; i < n; i++)
    {
      LbLagSample *s = &samples[i];
      gint64 t = START_MS + (gint64) i * INTERVAL_MS;
      gint64 local_s = t / 1000 + 3600; /* UTC+1 */
      double hour = (local_s % 86400) / 3600.0;
      double day_shape = hour < 7 ? 0.3 : hour < 18 ? 1.0 : 0.5;
      double gen = 4.0 * day_shape * g_rand_double_range (rng, 0.9, 1.1); /* MiB/s */
      double spike = 0;
      double lag, bytes, redo_share;

      if (local_s / 86400 != night)
        {
          night = local_s / 86400;
          peak = g_rand_double_range (rng, 20, 90);
        }
      if (hour >= 1.0 && hour < 2.5)
        {
          /* Rises for an hour while the batch outruns the link, drains in half an hour. */
          double phase = (hour - 1.0) / 1.5;

          spike = phase < 2.0 / 3 ? peak * phase * 1.5 : peak * (1 - phase) * 3;
          gen = 30 * g_rand_double_range (rng, 0.85, 1.15);
        }
      jitter += 0.08 * (0.8 * (0.6 + 0.6 * day_shape) - jitter) + 0.2 * (g_rand_double (rng) - 0.5);
      jitter = CLAMP (jitter, 0.15, 2.5);
      lag = jitter + spike;
      bytes = lag * gen * MIB;
      redo_share = g_rand_double_range (rng, 0.25, 0.4);
      if (reconnect == 0 && g_rand_int_range (rng, 0, 40000) == 0)
        reconnect = 6;

      lb_lag_sample_init (s, t);
      s->lag_s = round (lag * 1000) / 1000;
      s->secondary_lag_s = floor (s->lag_s);
      s->log_send_queue_kb = round (bytes * (1 - redo_share) / 1024);
      s->redo_queue_kb = round (bytes * redo_share / 1024);
      s->send_rate_bps = round (gen * MIB / 1024) * 1024;
      s->redo_rate_bps = round (gen * MIB * g_rand_double_range (rng, 0.96, 1.02) / 1024) * 1024;
      if (reconnect > 0)
        {
          reconnect--;
          s->sync_state = LB_SYNC_NOT_SYNCHRONIZING;
          s->sync_health = LB_HEALTH_NOT_HEALTHY;
        }
      else
        {
          s->sync_state = LB_SYNC_SYNCHRONIZING;
          s->sync_health = LB_HEALTH_HEALTHY;
        }
    }
  return samples;
}

/* Reals are written as printf's %.17g would round-trip them; the generator's values are
 * short decimals, so %.3f (lag) and %.0f (KB, bytes/s) are exact. The program runs in the
 * C locale, so the decimal separator is a point. */
static gboolean
write_csv (const char        *path,
           gint64             project_id,
           const LbLagSample *samples,
           guint              n,
           GError           **error)
{
  FILE *f = g_fopen (path, "w");

  if (f == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", path);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      const LbLagSample *s = &samples[i];

      fprintf (f, "%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%.3f,%.0f,%.0f,%.0f,%.0f,%.0f,%s,%s,import\n",
               project_id, s->t, s->lag_s, s->secondary_lag_s, s->log_send_queue_kb, s->redo_queue_kb,
               s->send_rate_bps, s->redo_rate_bps, lb_enum_info_nick (&lb_sync_state_enum, s->sync_state),
               lb_enum_info_nick (&lb_sync_health_enum, s->sync_health));
    }
  if (fclose (f) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}

static gint64
count_rows (const char *path,
            const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  gint64 count = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* Seconds for the whole sqlite3 run: start, pragmas, table, import, exit. */
static double
run_sqlite3_import (const char *sqlite3_path,
                    const char *db,
                    const char *csv,
                    GError    **error)
{
  g_autofree char *import = g_strdup_printf (".import --csv %s lag_sample", csv);
  const char *argv[] = {
    sqlite3_path, "-batch", "-bail", db,
    "PRAGMA journal_mode = WAL;", "PRAGMA synchronous = NORMAL;", BARE_TABLE, import, NULL,
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  gint64 started = g_get_monotonic_time ();
  gint64 ended;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, error))
    return -1;
  ended = g_get_monotonic_time ();
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "sqlite3 failed (%s): ", err != NULL ? g_strstrip (err) : "");
      return -1;
    }
  if (out == NULL || g_strstr_len (out, -1, "wal") == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "sqlite3 did not switch to WAL (said “%s”)",
                   out != NULL ? out : "");
      return -1;
    }
  return (ended - started) / (double) G_USEC_PER_SEC;
}

/* Seconds from opening a fresh store to closing it with every sample committed. */
static double
run_core_ingest (const char        *db,
                 const LbLagSample *samples,
                 guint              n,
                 gint64            *project_id,
                 GError           **error)
{
  g_autoptr(LbStore) store = NULL;
  g_autoptr(LbLagWriter) writer = NULL;
  LbProject *project;
  gint64 started = g_get_monotonic_time ();
  double seconds;

  if ((store = lb_store_open (db, error)) == NULL)
    return -1;
  project = lb_record_new (&lb_project_kind);
  project->name = g_strdup ("Benchmark link");
  if (!lb_store_insert (store, project, error))
    {
      lb_record_free (project);
      return -1;
    }
  *project_id = project->id;
  lb_record_free (project);

  if ((writer = lb_lag_writer_new (store, *project_id, LB_LAG_SOURCE_IMPORT, 3 * INTERVAL_MS, error)) == NULL)
    return -1;
  for (guint i = 0; i < n; i++)
    if (!lb_lag_writer_add (writer, &samples[i], error))
      return -1;
  if (!lb_lag_writer_commit (writer, error))
    return -1;
  if (lb_lag_writer_get_written (writer) != n)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "the writer wrote %" G_GUINT64_FORMAT " of %u samples",
                   lb_lag_writer_get_written (writer), n);
      return -1;
    }
  g_clear_pointer (&writer, lb_lag_writer_free);
  g_clear_object (&store);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  return seconds;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

static int
fail (const char *what,
      GError     *error)
{
  g_printerr ("bench-ingest: %s: %s\n", what, error != NULL ? error->message : "failed");
  return 1;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *sqlite3_path = g_find_program_in_path ("sqlite3");
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *bare_db = NULL;
  g_autofree char *core_db = NULL;
  g_autofree LbLagSample *samples = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(LbStore) store = NULL;
  int n_samples = 2000000;
  gboolean keep = FALSE;
  gboolean core_only = FALSE;
  GOptionEntry entries[] = {
    { "samples", 'n', 0, G_OPTION_ARG_INT, &n_samples, "Samples to ingest (default 2,000,000)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the temporary folder", NULL },
    { "core-only", 0, 0, G_OPTION_ARG_NONE, &core_only, "Time only the Linkbench ingest (for profiling)", NULL },
    { NULL },
  };
  gint64 project_id = 0;
  gint64 started;
  double sqlite3_s, core_s, sqlite3_rate, core_rate, ratio;
  guint n;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fail ("options", error);
  if (n_samples <= 0)
    return fail ("options", NULL);
  n = (guint) n_samples;
  if (sqlite3_path == NULL)
    {
      g_printerr ("bench-ingest: the sqlite3 command-line shell is not in PATH; it is the reference of this "
                  "benchmark (Debian package sqlite3)\n");
      return 1;
    }

  if ((dir = g_dir_make_tmp ("bench-ingest-XXXXXX", &error)) == NULL)
    return fail ("temporary folder", error);
  csv = g_build_filename (dir, "samples.csv", NULL);
  bare_db = g_build_filename (dir, "bare.db", NULL);
  core_db = g_build_filename (dir, "linkbench.db", NULL);

  if (core_only)
    {
      samples = make_samples (n);
      sync ();
      if ((core_s = run_core_ingest (core_db, samples, n, &project_id, &error)) < 0)
        return fail ("core ingest", error);
      g_print ("bench: ingest_core %.0f samples/s\n", n / core_s);
      if (!keep)
        remove_tree (dir);
      return 0;
    }

  /* Same samples for both: generated once, written as CSV before any timing. */
  started = g_get_monotonic_time ();
  samples = make_samples (n);
  if (!write_csv (csv, 1, samples, n, &error))
    return fail ("CSV", error);
  g_print ("# %u samples generated and written as CSV in %.1f s (%s)\n", n,
           (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, dir);

  /* Each timed phase starts with no dirty data of the other waiting to be written: on ext4
   * an fsync (SQLite's checkpoints) otherwise waits for unrelated writeback. */
  sync ();

  /* (a) the sqlite3 shell: .import into a bare table, same pragmas. */
  if ((sqlite3_s = run_sqlite3_import (sqlite3_path, bare_db, csv, &error)) < 0)
    return fail ("sqlite3 import", error);
  if (count_rows (bare_db, "lag_sample") != n)
    {
      g_printerr ("bench-ingest: sqlite3 imported %" G_GINT64_FORMAT " rows, expected %u\n",
                  count_rows (bare_db, "lag_sample"), n);
      return 1;
    }

  sync ();

  /* (b) Linkbench: LbStore + LbLagWriter, rollups and audit rows included. */
  if ((core_s = run_core_ingest (core_db, samples, n, &project_id, &error)) < 0)
    return fail ("core ingest", error);
  if (count_rows (core_db, "lag_sample") != n)
    {
      g_printerr ("bench-ingest: the store holds %" G_GINT64_FORMAT " samples, expected %u\n",
                  count_rows (core_db, "lag_sample"), n);
      return 1;
    }
  /* Not timed: the rollups must equal a recomputation from the samples. */
  if ((store = lb_store_open (core_db, &error)) == NULL || !lb_store_check (store, &problems, &error))
    return fail ("check", error);
  if (problems->len > 0)
    {
      for (guint i = 0; i < problems->len; i++)
        g_printerr ("bench-ingest: check: %s\n", (const char *) problems->pdata[i]);
      return 1;
    }
  g_clear_object (&store);

  sqlite3_rate = n / sqlite3_s;
  core_rate = n / core_s;
  ratio = core_rate / sqlite3_rate;
  g_print ("bench: ingest_sqlite3_import %.0f samples/s\n", sqlite3_rate);
  g_print ("bench: ingest_core %.0f samples/s\n", core_rate);
  g_print ("bench: ingest_ratio %.2f x\n", ratio);
  g_print ("Linkbench stored %u lag samples with their minute and hour rollups in %.2f s (%.0f samples/s), "
           "%.2f times the rate of the sqlite3 shell importing the same samples from CSV into a bare table "
           "(%.2f s, %.0f samples/s); the counts match and the rollups check out.\n",
           n, core_s, core_rate, ratio, sqlite3_s, sqlite3_rate);

  if (!keep)
    remove_tree (dir);
  return 0;
}
