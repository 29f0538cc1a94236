/* test-report-data.c: what the report reads from a real store — the demo portfolio — and
 * the verdicts the rules give its projects, checked against figures computed here from
 * the records themselves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lb-core.h"
#include "lb-test-util.h"

#define ANCHOR G_GINT64_CONSTANT (1795957200000)

typedef struct
{
  char    *dir;
  LbStore *store;
} Fixture;

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  LbDemoOptions options;

  f->dir = lb_test_tmpdir_new ();
  path = g_build_filename (f->dir, "report.db", NULL);
  f->store = lb_store_open (path, &error);
  g_assert_no_error (error);
  lb_demo_options_init (&options);
  options.anchor = ANCHOR;
  options.lag_days = 2;
  options.lag_interval = 60000;
  g_assert_true (lb_demo_generate (f->store, &options, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  g_clear_object (&f->store);
  lb_test_tmpdir_free (f->dir);
}

static gint64
project_id (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_store_find (f->store, &lb_project_kind, "name", name, &error);
  gint64 id;

  g_assert_no_error (error);
  id = project->id;
  lb_record_free (project);
  return id;
}

static LbProjectReport *
load (Fixture               *f,
      const char            *name,
      const LbReportOptions *options)
{
  g_autoptr(GError) error = NULL;
  LbProjectReport *report = lb_project_report_load (f->store, project_id (f, name), options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static void
test_plant_erp (Fixture      *f,
                gconstpointer data)
{
  g_auto(LbReportOptions) options;
  g_autoptr(LbProjectReport) report = NULL;
  g_autoptr(GPtrArray) rehearsals = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  const LbGoNoGoResult *r;
  gint64 count = 0, first = 0, last = 0;

  lb_report_options_init (&options);
  options.generated_at = ANCHOR;
  report = load (f, "Luma Manufacturing — Plant ERP", &options);

  g_assert_cmpstr (report->wave_name, ==, "Wave 2 — Core ERP");
  /* Every record of the project, rehearsals oldest first with their downtime. */
  rehearsals = lb_store_list_for_project (f->store, &lb_rehearsal_kind, report->project->id, NULL);
  g_assert_cmpuint (report->rehearsals->len, ==, rehearsals->len);
  g_assert_cmpuint (report->downtimes->len, ==, rehearsals->len);
  g_assert_cmpuint (report->steps->len, ==, rehearsals->len);
  for (guint i = 1; i < report->rehearsals->len; i++)
    g_assert_cmpint (((LbRehearsal *) report->rehearsals->pdata[i - 1])->started_at, <=,
                     ((LbRehearsal *) report->rehearsals->pdata[i])->started_at);
  g_assert_cmpint (((LbRehearsalDowntime *) report->downtimes->pdata[2])->downtime_ms, ==, 73 * 60000);
  g_assert_cmpuint (report->evidence->len, ==,
                    lb_store_count (f->store, &lb_evidence_kind, "project_id", report->project->id, NULL));
  g_assert_cmpuint (report->risks->len, ==,
                    lb_store_count (f->store, &lb_risk_kind, "project_id", report->project->id, NULL));
  for (guint i = 1; i < report->risks->len; i++)
    g_assert_cmpint (lb_risk_score (report->risks->pdata[i - 1]), >=, lb_risk_score (report->risks->pdata[i]));
  g_assert_cmpuint (report->capacity_results->len, ==, report->capacity_tests->len);
  g_assert_nonnull (lb_cost_summary_lookup (report->costs, "USD"));

  /* The lag rule looks at the last 24 h of samples; the chart at up to 7 days. */
  g_assert_true (lb_store_lag_extent (f->store, report->project->id, &count, &first, &last, NULL));
  g_assert_true (report->has_lag);
  g_assert_cmpint (report->lag_to, ==, last);
  g_assert_cmpint (report->lag_from, ==, first);
  g_assert_cmpuint (report->lag_recent.n_samples, ==, 24 * 60 + 1);
  g_assert_cmpuint (report->lag_window.n_samples, ==, count - 1); /* the window ends before its last instant */
  g_assert_cmpfloat (report->lag_recent.threshold_s, ==, 30);

  r = report->go_no_go;
  g_assert_cmpint (r->cutover_at, ==, report->project->planned_cutover);
  g_assert_cmpint (r->rules[LB_RULE_READINESS].status, ==, LB_RULE_PASS);
  g_assert_cmpint (r->rules[LB_RULE_REHEARSALS].status, ==, LB_RULE_PASS);
  g_assert_nonnull (strstr (r->rules[LB_RULE_REHEARSALS].finding, "73 of 120 min"));
  g_assert_cmpint (r->rules[LB_RULE_LAG].status, ==, LB_RULE_PASS);
  g_assert_cmpint (r->rules[LB_RULE_CAPACITY].status, ==, LB_RULE_PASS);
  g_assert_cmpint (r->rules[LB_RULE_RISKS].status, ==, LB_RULE_PASS);
  /* The demo's drift check compared its az output with the approved design. */
  g_assert_cmpint (r->rules[LB_RULE_DRIFT].status, ==, LB_RULE_PASS);
  g_assert_cmpint (r->rules[LB_RULE_CERTIFICATE].status, ==, LB_RULE_PASS);
  {
    g_autofree char *days = g_strdup_printf (" %.0f days after",
                                             (report->project->link_cert_valid_until - r->cutover_at) / 86400000.0);

    g_assert_nonnull (strstr (r->rules[LB_RULE_CERTIFICATE].finding, days));
  }
  g_assert_cmpint (r->rules[LB_RULE_APPROVAL].status, ==, LB_RULE_PASS);
  g_assert_cmpint (r->verdict, ==, LB_GO);

  /* A GO: the reasons are the passes, in rule order. */
  reasons = lb_project_report_top_reasons (report, 3);
  g_assert_cmpuint (reasons->len, ==, 3);
  g_assert_cmpstr (reasons->pdata[0], ==, r->rules[LB_RULE_READINESS].finding);
  g_assert_cmpstr (reasons->pdata[1], ==, r->rules[LB_RULE_REHEARSALS].finding);
}

static void
test_broker_portal_no_go (Fixture      *f,
                          gconstpointer data)
{
  g_auto(LbReportOptions) options;
  g_autoptr(LbProjectReport) report = NULL;

  lb_report_options_init (&options);
  report = load (f, "Parkview Insurance — Broker Portal", &options);
  g_assert_cmpint (report->go_no_go->verdict, ==, LB_NO_GO);
  g_assert_cmpint (report->go_no_go->rules[LB_RULE_REHEARSALS].status, ==, LB_RULE_FAIL);
  g_assert_cmpint (report->go_no_go->rules[LB_RULE_RISKS].status, ==, LB_RULE_FAIL);
  g_assert_cmpuint (report->risk_summary.n_open_high, ==, 1);
}

/* The options reach the rules: a cutover date, the rehearsals required, the chart window. */
static void
test_options (Fixture      *f,
              gconstpointer data)
{
  g_auto(LbReportOptions) options;
  g_autoptr(LbProjectReport) report = NULL;
  gint64 count = 0, first = 0, last = 0;

  lb_report_options_init (&options);
  g_assert_true (lb_time_parse ("2027-01-15 20:00", NULL, &options.cutover_at));
  options.policy.rehearsals_required = 4;
  report = load (f, "Luma Manufacturing — Plant ERP", &options);
  g_assert_true (lb_store_lag_extent (f->store, report->project->id, &count, &first, &last, NULL));
  g_assert_cmpint (report->go_no_go->cutover_at, ==, options.cutover_at);
  g_assert_cmpint (report->go_no_go->rules[LB_RULE_REHEARSALS].status, ==, LB_RULE_NO_EVIDENCE);
  g_assert_nonnull (strstr (report->go_no_go->rules[LB_RULE_REHEARSALS].finding, "of 4 required"));

  /* A certificate that expires a week after that cutover fails rule 7. */
  report->project->link_cert_valid_until = options.cutover_at + 7 * 86400000;
  g_assert_true (lb_store_update (f->store, report->project, NULL));
  g_clear_pointer (&report, lb_project_report_free);
  report = load (f, "Luma Manufacturing — Plant ERP", &options);
  g_assert_cmpint (report->go_no_go->rules[LB_RULE_CERTIFICATE].status, ==, LB_RULE_FAIL);
  g_assert_cmpint (report->go_no_go->verdict, ==, LB_NO_GO);
  g_clear_pointer (&report, lb_project_report_free);

  options.window_from = last - 3600000;
  options.window_to = last;
  report = load (f, "Luma Manufacturing — Plant ERP", &options);
  g_assert_cmpint (report->lag_from, ==, last - 3600000);
  g_assert_cmpuint (report->lag_window.n_samples, ==, 60);
  g_clear_pointer (&report, lb_project_report_free);

  /* A span instead: the last 24 h up to the newest sample, or the whole history. */
  options.window_from = options.window_to = LB_UNSET_INT;
  options.window_span_ms = 86400000;
  report = load (f, "Luma Manufacturing — Plant ERP", &options);
  g_assert_cmpint (report->lag_to, ==, last);
  g_assert_cmpint (report->lag_from, ==, last - 86400000);
  g_assert_cmpuint (report->lag_window.n_samples, ==, 24 * 60);
  g_clear_pointer (&report, lb_project_report_free);
  options.window_span_ms = 0;
  report = load (f, "Luma Manufacturing — Plant ERP", &options);
  g_assert_cmpint (report->lag_from, ==, first);
}

static void
test_project_without_records (Fixture      *f,
                              gconstpointer data)
{
  g_auto(LbReportOptions) options;
  g_autoptr(LbProjectReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);

  project->name = g_strdup ("Empty");
  g_assert_true (lb_store_insert (f->store, project, &error));
  lb_report_options_init (&options);
  report = lb_project_report_load (f->store, project->id, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (report->has_lag);
  g_assert_cmpint (report->lag_to - report->lag_from, ==, 3600000);
  g_assert_cmpint (report->go_no_go->verdict, ==, LB_NOT_ENOUGH_EVIDENCE);
  g_assert_cmpint (report->go_no_go->cutover_at, ==, options.generated_at);
  for (guint i = 0; i < LB_N_RULES; i++)
    g_assert_cmpint (report->go_no_go->rules[i].status, !=, LB_RULE_PASS);
  lb_record_free (project);

  g_assert_null (lb_project_report_load (f->store, 9999, &options, NULL, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, ==, ++calls[0]);
  calls[1] = total;
}

static void
test_portfolio (Fixture      *f,
                gconstpointer data)
{
  g_auto(LbReportOptions) options;
  g_autoptr(LbPortfolioReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint calls[2] = { 0, 0 };
  LbWave *wave;

  lb_report_options_init (&options);
  report = lb_portfolio_report_load (f->store, &options, count_progress, calls, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->projects->len, ==, lb_store_count (f->store, &lb_project_kind, NULL, 0, NULL));
  g_assert_cmpuint (calls[0], ==, report->projects->len);
  g_assert_cmpuint (calls[1], ==, report->projects->len);
  g_assert_cmpuint (report->waves->len, ==, 3);
  /* Wave order, then names. */
  for (guint i = 1; i < report->projects->len; i++)
    {
      const LbProjectReport *a = report->projects->pdata[i - 1], *b = report->projects->pdata[i];

      g_assert_cmpint (a->wave_position, <=, b->wave_position);
      if (a->wave_position == b->wave_position)
        g_assert_cmpint (g_utf8_collate (a->project->name, b->project->name), <, 0);
    }
  g_clear_pointer (&report, lb_portfolio_report_free);

  wave = lb_store_find (f->store, &lb_wave_kind, "name", "Wave 1 — Pilot", &error);
  options.wave_id = wave->id;
  report = lb_portfolio_report_load (f->store, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->projects->len, ==, lb_store_count (f->store, &lb_project_kind, "wave_id", wave->id, NULL));
  g_assert_cmpuint (report->waves->len, ==, 1);
  g_clear_pointer (&report, lb_portfolio_report_free);
  lb_record_free (wave);

  g_cancellable_cancel (cancellable);
  g_assert_null (lb_portfolio_report_load (f->store, &options, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/report-data/plant-erp", Fixture, NULL, fixture_set_up, test_plant_erp, fixture_tear_down);
  g_test_add ("/report-data/broker-portal-no-go", Fixture, NULL, fixture_set_up, test_broker_portal_no_go,
              fixture_tear_down);
  g_test_add ("/report-data/options", Fixture, NULL, fixture_set_up, test_options, fixture_tear_down);
  g_test_add ("/report-data/project-without-records", Fixture, NULL, fixture_set_up, test_project_without_records,
              fixture_tear_down);
  g_test_add ("/report-data/portfolio", Fixture, NULL, fixture_set_up, test_portfolio, fixture_tear_down);
  return g_test_run ();
}
