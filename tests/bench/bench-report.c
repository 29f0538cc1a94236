/* bench-report.c: the cutover report's PDF for one demo project and for a generated
 * 200-project portfolio, each timed beside reading the same data alone (the part every
 * output format shares), in the same run.
 *
 *   build-bench/tests/bench/bench-report [--projects N]
 *
 * Prints "bench: <name> <value> <unit>" lines. Goals (issue 7): a single project ≤ 300 ms,
 * a 200-project portfolio ≤ 5 s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define ANCHOR G_GINT64_CONSTANT (1795957200000)
#define DAY_MS (24 * 3600 * (gint64) 1000)

static void
check (gboolean      ok,
       const GError *error)
{
  if (!ok)
    g_error ("bench-report: %s", error != NULL ? error->message : "failed");
}

static void
set_fields (gpointer record,
            ...)
{
  g_autoptr(GError) error = NULL;
  const char *name;
  va_list args;

  va_start (args, record);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      check (lb_record_set_from_string (record, name, value, &error), error);
    }
  va_end (args);
}

static void
insert (LbStore *store,
        gpointer record)
{
  g_autoptr(GError) error = NULL;

  check (lb_store_insert (store, record, &error), error);
  lb_record_free (record);
}

/* A project the way a busy portfolio has them: the five controls, three rehearsals, a
 * capacity test, risks, costs, approvals and a day of lag at one sample a minute. */
static void
add_project (LbStore *store,
             guint    index,
             gint64   wave_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbLagWriter) writer = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  g_autofree char *name = g_strdup_printf ("Generated project %03u", index);
  gint64 id;

  set_fields (project, "name", name, "source_server", "sql01.example", "source_database", "DB",
              "target_instance", "mi-gen", "target_tier", "business_critical", "target_hardware", "standard",
              "target_vcores", "16", "target_storage_gb", "1024", "planned_cutover", "2026-12-20 18:00", NULL);
  project->wave_id = wave_id;
  check (lb_store_insert (store, project, &error), error);
  id = project->id;
  lb_record_free (project);

  for (int control = 0; control < LB_N_CONTROLS; control++)
    {
      LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);

      item->project_id = id;
      item->kind = LB_READINESS_CONTROL;
      item->control = control;
      item->status = control == 4 && index % 3 == 0 ? LB_READINESS_IN_PROGRESS : LB_READINESS_CLEAR;
      item->title = g_strdup (lb_enum_info_label (&lb_control_enum, control));
      insert (store, item);
    }
  for (int i = 0; i < 3; i++)
    {
      LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);

      rehearsal->project_id = id;
      rehearsal->kind = LB_REHEARSAL_CUTOVER;
      rehearsal->title = g_strdup_printf ("Cutover rehearsal %d", i + 1);
      rehearsal->started_at = ANCHOR - (3 - i) * 7 * DAY_MS;
      rehearsal->ended_at = rehearsal->started_at + 3 * 3600000;
      rehearsal->measured_downtime_min = 60 + (index * 7 + i * 13) % 80;
      rehearsal->outcome = LB_OUTCOME_SUCCESS;
      insert (store, rehearsal);
    }
  {
    LbCapacityTest *test = lb_record_new (&lb_capacity_test_kind);

    test->project_id = id;
    set_fields (test, "tested_at", "2026-10-19 08:00", "method", "workload_replay", "target_tier",
                "business_critical", "target_hardware", "standard", "target_vcores", "16", "log_gen_p95_mibps",
                "41", "log_gen_peak_mibps", "55", "io_latency_ms", "2", NULL);
    insert (store, test);
  }
  for (int i = 0; i < 4; i++)
    {
      LbRisk *risk = lb_record_new (&lb_risk_kind);

      risk->project_id = id;
      risk->title = g_strdup_printf ("Risk %d of project %u", i + 1, index);
      risk->likelihood = 1 + (index + i) % 5;
      risk->impact = 1 + (index * 3 + i) % 5;
      risk->owner = g_strdup ("DBA lead");
      insert (store, risk);
    }
  for (int i = 0; i < 3; i++)
    {
      LbCostItem *item = lb_record_new (&lb_cost_item_kind);

      item->project_id = id;
      set_fields (item, "category", i == 0 ? "mi_compute" : i == 1 ? "storage" : "support_effort", "amount",
                  i == 2 ? "12000" : "2400.50", "currency", "EUR", "period", i == 2 ? "one_off" : "monthly",
                  "months", i == 2 ? "" : "12", "description", "Generated", NULL);
      insert (store, item);
    }
  {
    LbApproval *approval = lb_record_new (&lb_approval_kind);

    approval->project_id = id;
    approval->subject = LB_SUBJECT_GO_NO_GO;
    approval->approver = g_strdup ("COO");
    approval->decision = LB_DECISION_APPROVED;
    approval->decided_at = ANCHOR - DAY_MS;
    insert (store, approval);
  }
  writer = lb_lag_writer_new (store, id, LB_LAG_SOURCE_DEMO, 0, &error);
  check (writer != NULL, error);
  for (int i = 0; i < 24 * 60; i++)
    {
      LbLagSample sample;

      lb_lag_sample_init (&sample, ANCHOR - DAY_MS + (gint64) i * 60000);
      sample.lag_s = 0.5 + fmod (i * 0.37 + index, 2.0);
      check (lb_lag_writer_add (writer, &sample, &error), error);
    }
  check (lb_lag_writer_commit (writer, &error), error);
}

static double
time_export (LbStore        *store,
             gint64          project_id,
             const char     *path,
             gboolean        load_only,
             guint           runs)
{
  g_autoptr(GError) error = NULL;
  double best = INFINITY;

  for (guint run = 0; run < runs; run++)
    {
      LbReportOptions options;
      gint64 start;
      double elapsed;

      lb_report_options_init (&options);
      options.generated_at = ANCHOR;
      start = g_get_monotonic_time ();
      if (load_only && project_id != 0)
        {
          LbProjectReport *report = lb_project_report_load (store, project_id, &options, NULL, &error);

          check (report != NULL, error);
          lb_project_report_free (report);
        }
      else if (load_only)
        {
          LbPortfolioReport *report = lb_portfolio_report_load (store, &options, NULL, NULL, NULL, &error);

          check (report != NULL, error);
          lb_portfolio_report_free (report);
        }
      else
        check (lb_report_export (store, project_id, LB_REPORT_FORMAT_PDF, &options, path, NULL, NULL, NULL, &error),
               error);
      elapsed = (g_get_monotonic_time () - start) / 1000.0;
      best = MIN (best, elapsed);
      lb_report_options_clear (&options);
    }
  return best;
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *out = NULL;
  const char *line;
  const char *argv[] = { "pdfinfo", path, NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                     NULL, NULL, NULL) || out == NULL || (line = strstr (out, "Pages:")) == NULL)
    return 0;
  return (guint) g_ascii_strtoull (line + 6, NULL, 10);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *demo_path = g_build_filename (dir, "demo.db", NULL);
  g_autofree char *gen_path = g_build_filename (dir, "portfolio.db", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "report.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) demo = NULL;
  g_autoptr(LbStore) generated = NULL;
  LbDemoOptions demo_options;
  LbProject *erp;
  guint n_projects = 200;
  double load_ms, pdf_ms;

  if (argc == 3 && g_str_equal (argv[1], "--projects"))
    n_projects = (guint) g_ascii_strtoull (argv[2], NULL, 10);

  /* The demo portfolio with its default week of lag at one sample per 5 s. */
  demo = lb_store_open (demo_path, &error);
  check (demo != NULL, error);
  lb_demo_options_init (&demo_options);
  demo_options.anchor = ANCHOR;
  check (lb_demo_generate (demo, &demo_options, NULL, &error), error);
  erp = lb_store_find (demo, &lb_project_kind, "name", "Luma Manufacturing — Plant ERP", &error);
  check (erp != NULL, error);

  load_ms = time_export (demo, erp->id, pdf_path, TRUE, 5);
  pdf_ms = time_export (demo, erp->id, pdf_path, FALSE, 5);
  g_print ("bench: report-single-pdf %.1f ms (goal 300 ms: %.2fx the goal; %u pages)\n", pdf_ms, pdf_ms / 300,
           pdf_pages (pdf_path));
  g_print ("bench: report-single-load %.1f ms (reading and judging alone: %.0f %% of the export)\n", load_ms,
           100 * load_ms / pdf_ms);
  lb_record_free (erp);

  generated = lb_store_open (gen_path, &error);
  check (generated != NULL, error);
  check (lb_store_begin_transaction (generated, &error), error);
  for (guint w = 0; w < 5; w++)
    {
      LbWave *wave = lb_record_new (&lb_wave_kind);

      wave->name = g_strdup_printf ("Wave %u", w + 1);
      wave->position = w;
      check (lb_store_insert (generated, wave, &error), error);
      for (guint i = w; i < n_projects; i += 5)
        add_project (generated, i, wave->id);
      lb_record_free (wave);
    }
  check (lb_store_commit_transaction (generated, &error), error);

  load_ms = time_export (generated, 0, pdf_path, TRUE, 1);
  pdf_ms = time_export (generated, 0, pdf_path, FALSE, 1);
  g_print ("bench: report-portfolio-pdf %.0f ms for %u projects (goal 5000 ms: %.2fx the goal; %u pages)\n", pdf_ms,
           n_projects, pdf_ms / 5000, pdf_pages (pdf_path));
  g_print ("bench: report-portfolio-load %.0f ms (reading and judging alone: %.0f %% of the export)\n", load_ms,
           100 * load_ms / pdf_ms);

  g_clear_object (&demo);
  g_clear_object (&generated);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
  return 0;
}
