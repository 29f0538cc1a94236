/* test-lag-csv.c: lag samples from CSV — by header or by position, quoted and CRLF, out of
 * order; bad rows reported with their number and reason; a file with no readable row, a
 * cancelled import or a second import of the same file stores nothing new.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "lb-core.h"
#include "lb-test-util.h"

typedef struct
{
  char    *dir;
  LbStore *store;
  gint64   project_id;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);

  f->dir = lb_test_tmpdir_new ();
  path = g_build_filename (f->dir, "lag.db", NULL);
  f->store = lb_store_open (path, &error);
  g_assert_no_error (error);
  project->name = g_strdup ("Plant ERP");
  project->source_server = g_strdup ("sql01");
  project->source_database = g_strdup ("ERP");
  g_assert_true (lb_store_insert (f->store, project, &error));
  g_assert_no_error (error);
  f->project_id = project->id;
  lb_record_free (project);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  lb_test_tmpdir_free (f->dir);
}

static GFile *
write_csv (Fixture    *f,
           const char *name,
           const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static gint64
n_samples (Fixture *f)
{
  gint64 count = 0, first = 0, last = 0;

  g_assert_true (lb_store_lag_extent (f->store, f->project_id, &count, &first, &last, NULL));
  return count;
}

static void
test_header_and_rejections (Fixture      *f,
                            gconstpointer data)
{
  /* Columns in another order, quoted fields, CRLF, a blank line, rows out of order. */
  g_autoptr(GFile) file = write_csv (f, "lag.csv",
                                     "\"redo_queue_kb\",Time,lag_seconds,log_send_queue_kb\r\n"
                                     "12,2026-11-29T10:00:10Z,1.5,300\r\n"
                                     "4,2026-11-29T10:00:00Z,0.5,100\r\n"
                                     "\r\n"
                                     ",\"2026-11-29T10:00:20Z\",2.0,\r\n"
                                     "5,yesterday,1.0,10\r\n"
                                     "5,2026-11-29T10:00:30Z,abc,10\r\n"
                                     "5,2026-11-29T10:00:40Z,-3,10\r\n"
                                     "-4,2026-11-29T10:00:50Z,1,10\r\n"
                                     "7\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagCsvReport) report = lb_lag_csv_import (f->store, f->project_id, file, NULL, &error);
  g_autoptr(LbLagSeries) series = NULL;
  static const struct { guint row; const char *reason; } rejected[] = {
    { 6, "the time “yesterday”" },
    { 7, "the lag “abc”" },
    { 8, "the lag “-3”" },
    { 9, "the redo queue “-4”" },
    { 10, "the time and the lag are needed" },
  };
  gint64 first = 0, last = 0;

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpuint (report->n_rows, ==, 8);
  g_assert_cmpuint (report->written, ==, 3);
  g_assert_cmpuint (report->duplicates, ==, 0);
  g_assert_cmpuint (report->rejected->len, ==, G_N_ELEMENTS (rejected));
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      const LbLagCsvRejection *r = report->rejected->pdata[i];

      g_test_message ("row %u: %s", r->row, r->reason);
      g_assert_cmpuint (r->row, ==, rejected[i].row);
      g_assert_nonnull (strstr (r->reason, rejected[i].reason));
    }

  /* Stored oldest first with the columns where the header put them. */
  series = lb_lag_series_load (lb_store_get_path (f->store), f->project_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lb_lag_series_get_extent (series, &first, &last));
  {
    gint64 expected_first, expected_last;

    g_assert_true (lb_time_parse ("2026-11-29T10:00:00Z", NULL, &expected_first));
    g_assert_true (lb_time_parse ("2026-11-29T10:00:20Z", NULL, &expected_last));
    g_assert_cmpint (first, ==, expected_first);
    g_assert_cmpint (last, ==, expected_last);
  }
  g_assert_cmpint (n_samples (f), ==, 3);

  /* The same file again: every sample is there already. */
  g_clear_pointer (&report, lb_lag_csv_report_free);
  report = lb_lag_csv_import (f->store, f->project_id, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->written, ==, 0);
  g_assert_cmpuint (report->duplicates, ==, 3);
  g_assert_cmpint (n_samples (f), ==, 3);
}

/* No header: time, lag, send queue, redo queue; Unix seconds and local times. */
static void
test_by_position (Fixture      *f,
                  gconstpointer data)
{
  g_autoptr(GFile) file = write_csv (f, "plain.csv",
                                     "1795989600,0.8,120,4\n"
                                     "1795989605,0.9\n"
                                     "2026-11-29 18:00:10,1.1,,\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagCsvReport) report = lb_lag_csv_import (f->store, f->project_id, file, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (report->n_rows, ==, 3);
  g_assert_cmpuint (report->written, ==, 3);
  g_assert_cmpuint (report->rejected->len, ==, 0);
  g_assert_cmpint (n_samples (f), ==, 3);
}

/* Nothing readable, not CSV at all, a folder, a missing file: an error, nothing stored. */
static void
test_refused (Fixture      *f,
              gconstpointer data)
{
  static const char *const bodies[] = {
    "time,lag_seconds\nsoon,1\nlater,2\n",
    "",
    "\"unterminated,1\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autofree char *name = g_strdup_printf ("bad-%u.csv", i);
      g_autoptr(GFile) file = write_csv (f, name, bodies[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LbLagCsvReport) report = lb_lag_csv_import (f->store, f->project_id, file, NULL, &error);

      g_assert_null (report);
      g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, name));
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
    g_autoptr(GFile) missing = g_file_get_child (folder, "missing.csv");

    g_assert_null (lb_lag_csv_import (f->store, f->project_id, folder, NULL, &error));
    g_assert_nonnull (strstr (error->message, "folder"));
    g_clear_error (&error);
    g_assert_null (lb_lag_csv_import (f->store, f->project_id, missing, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
  g_assert_cmpint (n_samples (f), ==, 0);
}

/* A cancelled import leaves none of its samples, though they were many batches' worth. */
static void
test_cancelled (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GString) csv = g_string_new ("time,lag_seconds\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (csv, "%d,%.1f\n", 1795989600 + i * 5, fmod (i, 7.0));
  file = write_csv (f, "big.csv", csv->str);
  g_cancellable_cancel (cancellable);
  g_assert_null (lb_lag_csv_import (f->store, f->project_id, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (n_samples (f), ==, 0);

  /* Not cancelled: all of them, one gap-free series. */
  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(LbLagCsvReport) report = lb_lag_csv_import (f->store, f->project_id, file, NULL, &local_error);

    g_assert_no_error (local_error);
    g_assert_cmpuint (report->written, ==, 20000);
    g_assert_cmpint (n_samples (f), ==, 20000);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lag-csv/header-and-rejections", test_header_and_rejections);
  ADD ("/lag-csv/by-position", test_by_position);
  ADD ("/lag-csv/refused", test_refused);
  ADD ("/lag-csv/cancelled", test_cancelled);
#undef ADD
  return g_test_run ();
}
