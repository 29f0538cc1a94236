/* test-report-pdf.c: the PDF cutover report, read back with the poppler tools.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "lb-core.h"
#include "lb-test-util.h"

/* 2026-03-14T11:00:00Z, as in test-demo.c. */
#define ANCHOR G_GINT64_CONSTANT (1773486000000)
#define PROJECT_NAME "Luma Manufacturing — Plant ERP"

typedef struct
{
  char    *dir;
  char    *db;
  LbStore *store;
} Fixture;

static Fixture *fixture;

/* One demo database for all the tests: generating it is the slow part. */
static Fixture *
get_fixture (void)
{
  g_autoptr(GError) error = NULL;
  LbDemoOptions demo;

  if (fixture != NULL)
    return fixture;
  fixture = g_new0 (Fixture, 1);
  fixture->dir = lb_test_tmpdir_new ();
  fixture->db = g_build_filename (fixture->dir, "demo.linkbench", NULL);
  fixture->store = lb_store_open (fixture->db, &error);
  g_assert_no_error (error);
  lb_demo_options_init (&demo);
  demo.seed = 7;
  demo.anchor = ANCHOR;
  demo.lag_days = 3;
  demo.lag_interval = 30000;
  g_assert_true (lb_demo_generate (fixture->store, &demo, NULL, &error));
  g_assert_no_error (error);
  return fixture;
}

static void
fixture_free (void)
{
  if (fixture == NULL)
    return;
  g_clear_object (&fixture->store);
  /* The store may leave -wal and -shm files beside the database. */
  lb_test_tmpdir_free (fixture->dir);
  g_free (fixture->db);
  g_clear_pointer (&fixture, g_free);
}

static gint64
project_id_by_name (LbStore    *store,
                    const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = lb_store_list (store, &lb_project_kind, NULL, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < projects->len; i++)
    if (g_str_equal (((LbProject *) projects->pdata[i])->name, name))
      return ((LbProject *) projects->pdata[i])->id;
  g_assert_not_reached ();
  return 0;
}

static void
options_for_test (LbReportOptions *options)
{
  lb_report_options_init (options);
  options->generated_at = ANCHOR;
  options->organisation = g_strdup ("Northwind Consulting");
  options->author = g_strdup ("Test Author");
}

static char *
run (const char *tool,
     const char *arg1,
     const char *arg2,
     const char *arg3)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { tool, arg1, arg2, arg3, NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                               &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s %s failed: %s", tool, arg1, err);
  return out;
}

static char *
pdfinfo_field (const char *info,
               const char *name)
{
  g_auto(GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = run ("pdfinfo", path, NULL, NULL);
  g_autofree char *pages = pdfinfo_field (info, "Pages");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages, NULL, 10);
}

/* Every font in the file is embedded: pdffonts' "emb" column reads "yes" on each row. */
static void
assert_fonts_embedded (const char *path)
{
  g_autofree char *fonts = run ("pdffonts", path, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
  guint n = 0;

  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      const char *kept[64];
      guint n_words = 0;

      if (lines[i][0] == '\0')
        continue;
      /* name type [encoding…] emb sub uni object ID: count from the end. */
      words = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      for (guint w = 0; words[w] != NULL && n_words < G_N_ELEMENTS (kept); w++)
        if (words[w][0] != '\0')
          kept[n_words++] = words[w];
      g_assert_cmpuint (n_words, >=, 6);
      if (g_strcmp0 (kept[n_words - 5], "yes") != 0)
        g_error ("font not embedded: %s", lines[i]);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

/* pdftotext output with runs of spaces and line breaks folded to one space, so text that
 * wraps differently still matches. */
static char *
pdf_text (const char *path)
{
  g_autofree char *out_path = g_strconcat (path, ".txt", NULL);
  g_autofree char *ignored = run ("pdftotext", "-layout", path, out_path);
  g_autofree char *text = NULL;
  GString *folded = g_string_new (NULL);

  g_assert_true (g_file_get_contents (out_path, &text, NULL, NULL));
  g_unlink (out_path);
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean blank = *p == ' ' || *p == '\n' || *p == '\f' || *p == '\t';

      if (blank && folded->len > 0 && folded->str[folded->len - 1] == ' ')
        continue;
      g_string_append_c (folded, blank ? ' ' : *p);
    }
  return g_string_free (folded, FALSE);
}

/* LB_TEST_KEEP_DIR=folder keeps a copy of each PDF there, to look at. */
static void
keep_copy (const char *path)
{
  const char *keep = g_getenv ("LB_TEST_KEEP_DIR");
  g_autofree char *contents = NULL;
  g_autofree char *base = NULL;
  g_autofree char *copy = NULL;
  gsize length;

  if (keep == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return;
  base = g_path_get_basename (path);
  copy = g_build_filename (keep, base, NULL);
  g_file_set_contents (copy, contents, length, NULL);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” not in the PDF text", needle);
}

/* The latest rehearsal that ran, with its downtime, read straight from the store. */
static char *
expected_latest_downtime (LbStore *store,
                          gint64   project_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rehearsals = lb_store_list_for_project (store, &lb_rehearsal_kind, project_id, &error);
  const LbRehearsal *latest = NULL;
  g_autoptr(LbRehearsalDowntime) downtime = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < rehearsals->len; i++)
    {
      const LbRehearsal *r = rehearsals->pdata[i];

      if (r->started_at == LB_UNSET_INT || r->outcome == LB_OUTCOME_PLANNED)
        continue;
      if (latest == NULL || r->started_at > latest->started_at)
        latest = r;
    }
  g_assert_nonnull (latest);
  downtime = lb_rehearsal_downtime_load (store, latest->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (downtime->downtime_ms, !=, LB_UNSET_INT);
  if (downtime->target_min != LB_UNSET_INT)
    return g_strdup_printf ("%.0f of %" G_GINT64_FORMAT " min", downtime->downtime_ms / 60000.0,
                            downtime->target_min);
  return g_strdup_printf ("%.0f min", downtime->downtime_ms / 60000.0);
}

/* Lag p95 over the rule's window (the last 24 h of samples), computed here. */
static char *
expected_lag_p95 (Fixture *f,
                  gint64   project_id)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_store_get (f->store, &lb_project_kind, project_id, &error);
  LbLagSeries *series = lb_lag_series_load (f->db, project_id, NULL, &error);
  gint64 first = 0, last = 0;
  LbLagStats stats;

  g_assert_no_error (error);
  g_assert_true (lb_lag_series_get_extent (series, &first, &last));
  lb_lag_stats_compute (series, MAX (first, last - 24 * 3600 * (gint64) 1000), last + 1, project->lag_threshold_s,
                        &stats);
  lb_lag_series_unref (series);
  lb_record_free (project);
  return g_strdup_printf ("%.2f s", stats.p95);
}

static void
test_project_pdf (gconstpointer data)
{
  LbPaperSize paper = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  Fixture *f = get_fixture ();
  gint64 id = project_id_by_name (f->store, PROJECT_NAME);
  LbReportOptions options;
  g_autoptr(LbProjectReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, paper == LB_PAPER_A4 ? "erp-a4.pdf" : "erp-letter.pdf", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autofree char *info = NULL;
  g_autofree char *title = NULL, *size = NULL, *creator = NULL, *author = NULL, *created = NULL;
  g_autofree char *text = NULL, *downtime = NULL, *p95 = NULL, *version = NULL;
  gint64 start;

  options_for_test (&options);
  options.paper = paper;
  report = lb_project_report_load (f->store, id, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  start = g_get_monotonic_time ();
  g_assert_true (lb_report_write_pdf (report, NULL, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("project PDF written in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  keep_copy (path);

  info = run ("pdfinfo", path, NULL, NULL);
  title = pdfinfo_field (info, "Title");
  size = pdfinfo_field (info, "Page size");
  creator = pdfinfo_field (info, "Creator");
  author = pdfinfo_field (info, "Author");
  created = pdfinfo_field (info, "CreationDate");
  g_assert_cmpuint (pdf_pages (path), >=, 5);
  g_assert_nonnull (title);
  g_assert_nonnull (strstr (title, PROJECT_NAME));
  g_assert_cmpstr (creator, ==, "Linkbench");
  g_assert_cmpstr (author, ==, "Test Author");
  g_assert_nonnull (created);
  /* 2026-03-14, whatever the time zone pdfinfo prints it in. */
  g_assert_nonnull (strstr (created, "2026"));
  g_assert_nonnull (size);
  if (paper == LB_PAPER_A4)
    g_assert_nonnull (strstr (size, "(A4)"));
  else
    g_assert_nonnull (strstr (size, "(letter)"));

  assert_fonts_embedded (path);

  text = pdf_text (path);
  assert_contains (text, PROJECT_NAME);
  assert_contains (text, "Northwind Consulting");
  assert_contains (text, "Cutover report");
  assert_contains (text, lb_enum_info_label (&lb_go_no_go_verdict_enum, report->go_no_go->verdict));
  assert_contains (text, "Executive summary");
  assert_contains (text, "Evidence index");
  {
    guint pages = pdf_pages (path);
    g_autofree char *last = g_strdup_printf ("Page %u of %u", pages, pages);

    /* The footer counts the pages, and the count is right. */
    assert_contains (text, "Page 1 of ");
    assert_contains (text, last);
  }
  downtime = expected_latest_downtime (f->store, id);
  assert_contains (text, downtime);
  p95 = expected_lag_p95 (f, id);
  assert_contains (text, p95);
  version = g_strdup_printf ("Rule set version %d", LB_GO_NO_GO_RULESET_VERSION);
  assert_contains (text, version);
  /* Every rule is in the appendix, by title. */
  for (int i = 0; i < LB_N_RULES; i++)
    assert_contains (text, lb_enum_info_label (&lb_rule_enum, i));
  /* Every evidence record's hash is printed. */
  for (guint i = 0; i < report->evidence->len; i++)
    {
      const LbEvidence *e = report->evidence->pdata[i];

      if (e->sha256 != NULL)
        {
          g_autofree char *head = g_strndup (e->sha256, 16);

          assert_contains (text, head);
        }
    }
  lb_report_options_clear (&options);
}

static void
test_portfolio_pdf (void)
{
  g_autoptr(GError) error = NULL;
  Fixture *f = get_fixture ();
  LbReportOptions options;
  g_autoptr(LbPortfolioReport) portfolio = NULL;
  g_autofree char *path = g_build_filename (f->dir, "portfolio.pdf", NULL);
  g_autofree char *text = NULL;
  gint64 start;

  options_for_test (&options);
  portfolio = lb_portfolio_report_load (f->store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portfolio);
  g_assert_cmpuint (portfolio->projects->len, >, 1);

  start = g_get_monotonic_time ();
  g_assert_true (lb_report_write_pdf (NULL, portfolio, &options, path, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("portfolio PDF (%u projects) written in %.0f ms", portfolio->projects->len,
                  (g_get_monotonic_time () - start) / 1000.0);
  keep_copy (path);

  /* Cover, summary, a page per wave, two or more per project. */
  g_assert_cmpuint (pdf_pages (path), >=, 2 + portfolio->waves->len + 2 * portfolio->projects->len);
  assert_fonts_embedded (path);
  text = pdf_text (path);
  assert_contains (text, "Migration portfolio");
  assert_contains (text, "Portfolio summary");
  for (guint i = 0; i < portfolio->waves->len; i++)
    {
      const LbWave *wave = portfolio->waves->pdata[i];
      g_autofree char *heading = g_strdup_printf ("Wave: %s", wave->name);

      assert_contains (text, heading);
    }
  for (guint i = 0; i < portfolio->projects->len; i++)
    {
      const LbProjectReport *r = portfolio->projects->pdata[i];

      assert_contains (text, r->project->name);
    }
  lb_report_options_clear (&options);
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  Fixture *f = get_fixture ();
  LbReportOptions options;
  g_autoptr(LbProjectReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "cancelled.pdf", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);

  options_for_test (&options);
  report = lb_project_report_load (f->store, project_id_by_name (f->store, PROJECT_NAME), &options, NULL, &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (lb_report_write_pdf (report, NULL, &options, path, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  lb_report_options_clear (&options);
}

/* Cancelled while the pages are written: the partial file is removed. */
typedef struct
{
  const char   *part;
  GCancellable *cancellable;
} Canceller;

static gpointer
cancel_when_started (gpointer data)
{
  Canceller *c = data;

  for (guint i = 0; i < 200000 && !g_file_test (c->part, G_FILE_TEST_EXISTS); i++)
    g_usleep (50);
  g_cancellable_cancel (c->cancellable);
  return NULL;
}

static void
test_cancelled_midway (void)
{
  g_autoptr(GError) error = NULL;
  Fixture *f = get_fixture ();
  LbReportOptions options;
  g_autoptr(LbPortfolioReport) portfolio = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "cancelled-midway.pdf", NULL);
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  Canceller canceller = { part, cancellable };
  GThread *thread;
  gboolean ok;

  options_for_test (&options);
  portfolio = lb_portfolio_report_load (f->store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Another thread cancels as soon as the temporary file appears. */
  thread = g_thread_new ("cancel", cancel_when_started, &canceller);
  ok = lb_report_write_pdf (NULL, portfolio, &options, path, cancellable, &error);
  g_thread_join (thread);
  lb_report_options_clear (&options);
  if (ok)
    {
      g_test_incomplete ("the export finished before the cancellation arrived");
      g_unlink (path);
      return;
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

static void
test_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  Fixture *f = get_fixture ();
  LbReportOptions options;
  g_autoptr(LbProjectReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, "no-such-folder", "report.pdf", NULL);

  options_for_test (&options);
  report = lb_project_report_load (f->store, project_id_by_name (f->store, PROJECT_NAME), &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (lb_report_write_pdf (report, NULL, &options, path, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  lb_report_options_clear (&options);
}

/* A text longer than a page, in a table cell and in a paragraph: the report still flows
 * (the cell is cut with an ellipsis, the paragraph moves to a page of its own). */
static void
test_long_text (void)
{
  g_autoptr(GError) error = NULL;
  Fixture *f = get_fixture ();
  LbReportOptions options;
  g_autoptr(LbProjectReport) report = NULL;
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *text = NULL;
  LbRisk *risk;
  guint pages;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (huge, "word%u ", i);
  options_for_test (&options);
  report = lb_project_report_load (f->store, project_id_by_name (f->store, PROJECT_NAME), &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->risks->len, >, 0);
  risk = report->risks->pdata[0];
  g_free (risk->mitigation);
  risk->mitigation = g_strdup (huge->str);
  g_assert_true (lb_report_write_pdf (report, NULL, &options, path, NULL, &error));
  g_assert_no_error (error);
  keep_copy (path);
  pages = pdf_pages (path);
  g_assert_cmpuint (pages, >=, 5);
  g_assert_cmpuint (pages, <, 30);
  text = pdf_text (path);
  assert_contains (text, "word1 ");
  assert_contains (text, "Appendix A");
  lb_report_options_clear (&options);
}

/* -m perf: the default demo (7 days of 5 s samples), one project and a portfolio of 200
 * (the demo's projects repeated). */
static void
test_perf (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *db = g_build_filename (dir, "perf.linkbench", NULL);
  g_autofree char *path = g_build_filename (dir, "perf.pdf", NULL);
  g_autoptr(LbStore) store = NULL;
  g_autoptr(LbProjectReport) report = NULL;
  g_autoptr(LbPortfolioReport) portfolio = NULL;
  LbPortfolioReport big = { 0 };
  LbReportOptions options;
  LbDemoOptions demo;
  gint64 start;
  double ms;

  if (!g_test_perf ())
    {
      g_test_skip ("run with -m perf");
      lb_test_tmpdir_free (g_steal_pointer (&dir));
      return;
    }
  store = lb_store_open (db, &error);
  g_assert_no_error (error);
  lb_demo_options_init (&demo);
  demo.anchor = ANCHOR;
  g_assert_true (lb_demo_generate (store, &demo, NULL, &error));
  g_assert_no_error (error);
  options_for_test (&options);

  report = lb_project_report_load (store, project_id_by_name (store, PROJECT_NAME), &options, NULL, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_assert_true (lb_report_write_pdf (report, NULL, &options, path, NULL, &error));
  g_assert_no_error (error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_minimized_result (ms / 1000, "single project PDF: %.0f ms, %u pages", ms, pdf_pages (path));

  portfolio = lb_portfolio_report_load (store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  big.waves = portfolio->waves;
  big.projects = g_ptr_array_new ();
  while (big.projects->len < 200)
    for (guint i = 0; i < portfolio->projects->len && big.projects->len < 200; i++)
      g_ptr_array_add (big.projects, portfolio->projects->pdata[i]);
  start = g_get_monotonic_time ();
  g_assert_true (lb_report_write_pdf (NULL, &big, &options, path, NULL, &error));
  g_assert_no_error (error);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_minimized_result (ms / 1000, "200-project portfolio PDF: %.0f ms, %u pages", ms, pdf_pages (path));
  g_ptr_array_unref (big.projects);
  lb_report_options_clear (&options);
  g_clear_object (&store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/report-pdf/project/a4", GINT_TO_POINTER (LB_PAPER_A4), test_project_pdf);
  g_test_add_data_func ("/report-pdf/project/letter", GINT_TO_POINTER (LB_PAPER_LETTER), test_project_pdf);
  g_test_add_func ("/report-pdf/portfolio", test_portfolio_pdf);
  g_test_add_func ("/report-pdf/cancelled", test_cancelled);
  g_test_add_func ("/report-pdf/cancelled-midway", test_cancelled_midway);
  g_test_add_func ("/report-pdf/unwritable", test_unwritable);
  g_test_add_func ("/report-pdf/long-text", test_long_text);
  g_test_add_func ("/report-pdf/perf", test_perf);
  status = g_test_run ();
  fixture_free ();
  return status;
}
