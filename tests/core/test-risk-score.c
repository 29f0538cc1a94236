/* test-risk-score.c: risk score, bands, open high and overdue risks, heat map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-core.h"
#include "lb-test-util.h"

#define NOW G_GINT64_CONSTANT (1795957200000)
#define DAY_MS G_GINT64_CONSTANT (86400000)
#define UNSET LB_UNSET_INT

static LbRisk *
make_risk (gint64       likelihood,
           gint64       impact,
           LbRiskStatus status,
           gboolean     mitigation_accepted,
           gint64       due_at)
{
  LbRisk *risk = lb_record_new (&lb_risk_kind);

  risk->project_id = 1;
  risk->title = g_strdup ("Risk");
  risk->likelihood = likelihood;
  risk->impact = impact;
  risk->status = status;
  risk->mitigation_accepted = mitigation_accepted;
  risk->due_at = due_at;
  return risk;
}

static void
test_score_and_band (void)
{
  static const struct { gint64 likelihood, impact, score; int band; } cases[] = {
    { 1, 1, 1, LB_RISK_BAND_LOW },
    { 2, 2, 4, LB_RISK_BAND_LOW },
    { 1, 4, 4, LB_RISK_BAND_LOW },
    { 1, 5, 5, LB_RISK_BAND_MEDIUM },
    { 3, 3, 9, LB_RISK_BAND_MEDIUM },
    { 2, 5, 10, LB_RISK_BAND_HIGH },
    { 5, 2, 10, LB_RISK_BAND_HIGH },
    { 3, 4, 12, LB_RISK_BAND_HIGH },
    { 3, 5, 15, LB_RISK_BAND_CRITICAL },
    { 4, 4, 16, LB_RISK_BAND_CRITICAL },
    { 5, 5, 25, LB_RISK_BAND_CRITICAL },
    /* Off the scale: no score, no band */
    { 0, 3, 0, LB_UNSET_ENUM },
    { 6, 1, 0, LB_UNSET_ENUM },
    { 3, -2, 0, LB_UNSET_ENUM },
    { UNSET, 3, 0, LB_UNSET_ENUM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LbRisk *risk = make_risk (cases[i].likelihood, cases[i].impact, LB_RISK_OPEN, FALSE, UNSET);

      g_assert_cmpint (lb_risk_score (risk), ==, cases[i].score);
      g_assert_cmpint (lb_risk_band_for_score (lb_risk_score (risk)), ==, cases[i].band);
      lb_record_free (risk);
    }
}

static void
test_band_edges (void)
{
  static const struct { gint64 score; int band; } cases[] = {
    { G_MININT64, LB_UNSET_ENUM }, { -1, LB_UNSET_ENUM }, { 0, LB_UNSET_ENUM },
    { 1, LB_RISK_BAND_LOW }, { 4, LB_RISK_BAND_LOW },
    { 5, LB_RISK_BAND_MEDIUM }, { 9, LB_RISK_BAND_MEDIUM },
    { 10, LB_RISK_BAND_HIGH }, { 14, LB_RISK_BAND_HIGH },
    { 15, LB_RISK_BAND_CRITICAL }, { 25, LB_RISK_BAND_CRITICAL },
    { 26, LB_UNSET_ENUM }, { G_MAXINT64, LB_UNSET_ENUM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (lb_risk_band_for_score (cases[i].score), ==, cases[i].band);

  g_assert_cmpint (lb_risk_band_enum.n_values, ==, LB_RISK_N_BANDS);
  g_assert_cmpstr (lb_enum_info_nick (&lb_risk_band_enum, LB_RISK_BAND_LOW), ==, "low");
  g_assert_cmpstr (lb_enum_info_nick (&lb_risk_band_enum, LB_RISK_BAND_CRITICAL), ==, "critical");
  g_assert_cmpstr (lb_enum_info_label (&lb_risk_band_enum, LB_RISK_BAND_HIGH), ==, "High");
  g_assert_cmpint (lb_enum_info_lookup (&lb_risk_band_enum, "medium"), ==, LB_RISK_BAND_MEDIUM);
}

static void
test_open_high (void)
{
  static const struct
  {
    gint64       likelihood, impact;
    LbRiskStatus status;
    gboolean     mitigation_accepted;
    gboolean     open_high;
  } cases[] = {
    { 3, 5, LB_RISK_OPEN, FALSE, TRUE },
    { 5, 3, LB_RISK_MITIGATING, FALSE, TRUE },
    { 5, 5, LB_RISK_ACCEPTED, FALSE, TRUE },  /* accepted, mitigation not: still open */
    { 5, 5, LB_RISK_ACCEPTED, TRUE, FALSE },
    { 4, 4, LB_RISK_OPEN, TRUE, TRUE },       /* mitigation accepted but the risk still open */
    { 5, 5, LB_RISK_CLOSED, FALSE, FALSE },
    { 5, 5, LB_RISK_CLOSED, TRUE, FALSE },
    { 2, 7, LB_RISK_OPEN, FALSE, FALSE },     /* off the scale */
    { 3, 4, LB_RISK_OPEN, FALSE, FALSE },     /* 12: high band, but below 15 */
    { 2, 5, LB_RISK_OPEN, FALSE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LbRisk *risk = make_risk (cases[i].likelihood, cases[i].impact, cases[i].status, cases[i].mitigation_accepted,
                                UNSET);

      g_test_message ("case %u", i);
      g_assert_cmpint (lb_risk_is_open_high (risk), ==, cases[i].open_high);
      lb_record_free (risk);
    }
}

static void
test_overdue (void)
{
  static const struct
  {
    gint64       due_at;
    LbRiskStatus status;
    gboolean     overdue;
  } cases[] = {
    { NOW - DAY_MS, LB_RISK_OPEN, TRUE },
    { NOW - 1, LB_RISK_MITIGATING, TRUE },
    { NOW, LB_RISK_OPEN, FALSE },            /* due now is not yet overdue */
    { NOW + DAY_MS, LB_RISK_OPEN, FALSE },
    { UNSET, LB_RISK_OPEN, FALSE },
    { NOW - DAY_MS, LB_RISK_ACCEPTED, FALSE },
    { NOW - DAY_MS, LB_RISK_CLOSED, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LbRisk *risk = make_risk (3, 3, cases[i].status, FALSE, cases[i].due_at);

      g_test_message ("case %u", i);
      g_assert_cmpint (lb_risk_is_overdue (risk, NOW), ==, cases[i].overdue);
      lb_record_free (risk);
    }
}

/* A register like the demo's Luma and Parkview risks, plus edge cases. */
static GPtrArray *
make_register (void)
{
  GPtrArray *risks = lb_record_array_new ();

  g_ptr_array_add (risks, make_risk (4, 4, LB_RISK_CLOSED, TRUE, UNSET));          /* 16, closed */
  g_ptr_array_add (risks, make_risk (3, 3, LB_RISK_CLOSED, TRUE, UNSET));          /* 9, closed */
  g_ptr_array_add (risks, make_risk (2, 4, LB_RISK_ACCEPTED, TRUE, NOW - DAY_MS)); /* 8, accepted: not overdue */
  g_ptr_array_add (risks, make_risk (4, 3, LB_RISK_MITIGATING, FALSE, NOW + 30 * DAY_MS)); /* 12 */
  g_ptr_array_add (risks, make_risk (3, 2, LB_RISK_OPEN, FALSE, NOW - 2 * DAY_MS)); /* 6, overdue */
  g_ptr_array_add (risks, make_risk (5, 4, LB_RISK_MITIGATING, FALSE, NOW - DAY_MS)); /* 20, open high, overdue */
  g_ptr_array_add (risks, make_risk (2, 5, LB_RISK_OPEN, FALSE, UNSET));          /* 10 */
  g_ptr_array_add (risks, make_risk (5, 4, LB_RISK_OPEN, FALSE, UNSET));          /* 20, open high, same cell */
  g_ptr_array_add (risks, make_risk (1, 1, LB_RISK_OPEN, FALSE, UNSET));          /* 1 */
  g_ptr_array_add (risks, make_risk (5, 5, LB_RISK_ACCEPTED, TRUE, UNSET));       /* 25, accepted with mitigation */
  return risks;
}

static void
test_heat_map (void)
{
  g_autoptr(GPtrArray) risks = make_register ();
  LbRiskHeatMap map;
  guint sum = 0;

  g_ptr_array_add (risks, make_risk (UNSET, 2, LB_RISK_OPEN, FALSE, UNSET)); /* unscored */

  lb_risk_heat_map (risks, FALSE, &map);
  g_assert_cmpuint (map.cells[5 - 1][4 - 1], ==, 2);
  g_assert_cmpuint (map.cells[2 - 1][4 - 1], ==, 1);
  g_assert_cmpuint (map.cells[4 - 1][3 - 1], ==, 1);
  g_assert_cmpuint (map.cells[3 - 1][2 - 1], ==, 1);
  g_assert_cmpuint (map.cells[2 - 1][5 - 1], ==, 1);
  g_assert_cmpuint (map.cells[1 - 1][1 - 1], ==, 1);
  g_assert_cmpuint (map.cells[5 - 1][5 - 1], ==, 1);
  g_assert_cmpuint (map.cells[4 - 1][4 - 1], ==, 0); /* closed */
  g_assert_cmpuint (map.cells[3 - 1][3 - 1], ==, 0); /* closed */
  g_assert_cmpuint (map.n_unscored, ==, 1);
  for (int l = 0; l < LB_RISK_SCALE; l++)
    for (int i = 0; i < LB_RISK_SCALE; i++)
      sum += map.cells[l][i];
  g_assert_cmpuint (sum, ==, 8);

  lb_risk_heat_map (risks, TRUE, &map);
  g_assert_cmpuint (map.cells[4 - 1][4 - 1], ==, 1);
  g_assert_cmpuint (map.cells[3 - 1][3 - 1], ==, 1);
  g_assert_cmpuint (map.n_unscored, ==, 1);

  g_ptr_array_set_size (risks, 0);
  lb_risk_heat_map (risks, TRUE, &map);
  for (int l = 0; l < LB_RISK_SCALE; l++)
    for (int i = 0; i < LB_RISK_SCALE; i++)
      g_assert_cmpuint (map.cells[l][i], ==, 0);
  g_assert_cmpuint (map.n_unscored, ==, 0);
}

static void
assert_register_summary (const LbRiskSummary *s)
{
  g_assert_cmpuint (s->n_risks, ==, 10);
  g_assert_cmpuint (s->n_closed, ==, 2);
  g_assert_cmpuint (s->by_band[LB_RISK_BAND_LOW], ==, 1);      /* 1 */
  g_assert_cmpuint (s->by_band[LB_RISK_BAND_MEDIUM], ==, 2);   /* 8, 6 */
  g_assert_cmpuint (s->by_band[LB_RISK_BAND_HIGH], ==, 2);     /* 12, 10 */
  g_assert_cmpuint (s->by_band[LB_RISK_BAND_CRITICAL], ==, 3); /* 20, 20, 25 */
  g_assert_cmpuint (s->n_open_high, ==, 2);
  g_assert_cmpuint (s->n_overdue, ==, 2);
  g_assert_cmpuint (s->heat_map.cells[5 - 1][4 - 1], ==, 2);
  g_assert_cmpuint (s->heat_map.cells[4 - 1][4 - 1], ==, 0);
}

static void
test_summary (void)
{
  g_autoptr(GPtrArray) risks = make_register ();
  LbRiskSummary summary;

  lb_risk_summarize (risks, NOW, &summary);
  assert_register_summary (&summary);

  /* A day later nothing new is overdue; two days earlier only what was due before then. */
  lb_risk_summarize (risks, NOW - DAY_MS - 1, &summary);
  g_assert_cmpuint (summary.n_overdue, ==, 1);
}

static gint64
insert_or_die (LbStore *store,
               gpointer record)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!lb_store_insert (store, record, &error))
    g_error ("insert %s: %s", lb_record_get_kind (record)->table, error->message);
  id = LB_RECORD_ID (record);
  lb_record_free (record);
  return id;
}

static void
test_store (void)
{
  g_autofree char *dir = lb_test_tmpdir_new ();
  g_autofree char *path = g_build_filename (dir, "risk.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) risks = make_register ();
  LbStore *store = lb_store_open (path, &error);
  LbProject *project = lb_record_new (&lb_project_kind);
  LbRiskSummary summary;
  gint64 project_id, other_id;

  g_assert_no_error (error);
  project->name = g_strdup ("ERP");
  project_id = insert_or_die (store, project);
  project = lb_record_new (&lb_project_kind);
  project->name = g_strdup ("Other");
  other_id = insert_or_die (store, project);

  for (guint i = 0; i < risks->len; i++)
    {
      LbRisk *risk = lb_record_copy (g_ptr_array_index (risks, i));

      risk->project_id = project_id;
      insert_or_die (store, risk);
    }
  insert_or_die (store, make_risk (5, 5, LB_RISK_OPEN, FALSE, NOW - DAY_MS));
  {
    LbRisk *risk = make_risk (5, 5, LB_RISK_OPEN, FALSE, NOW - DAY_MS);

    risk->project_id = other_id;
    insert_or_die (store, risk);
  }

  /* make_risk's project 1 is the first project inserted: eleven risks there. */
  g_assert_cmpint (project_id, ==, 1);
  g_assert_true (lb_risk_summary_load (store, other_id, NOW, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_risks, ==, 1);
  g_assert_cmpuint (summary.n_open_high, ==, 1);
  g_assert_cmpuint (summary.n_overdue, ==, 1);
  g_assert_cmpuint (summary.heat_map.cells[4][4], ==, 1);

  g_assert_true (lb_risk_summary_load (store, project_id, NOW, &summary, &error));
  g_assert_cmpuint (summary.n_risks, ==, 11);
  g_assert_cmpuint (summary.n_open_high, ==, 3);
  g_assert_cmpuint (summary.n_overdue, ==, 3);
  g_assert_cmpuint (summary.by_band[LB_RISK_BAND_CRITICAL], ==, 4);

  g_assert_false (lb_risk_summary_load (store, 4242, NOW, &summary, &error));
  g_assert_error (error, LB_ERROR, LB_ERROR_NOT_FOUND);

  g_assert_finalize_object (store);
  lb_test_tmpdir_free (g_steal_pointer (&dir));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lb/risk-score/score-and-band", test_score_and_band);
  g_test_add_func ("/lb/risk-score/band-edges", test_band_edges);
  g_test_add_func ("/lb/risk-score/open-high", test_open_high);
  g_test_add_func ("/lb/risk-score/overdue", test_overdue);
  g_test_add_func ("/lb/risk-score/heat-map", test_heat_map);
  g_test_add_func ("/lb/risk-score/summary", test_summary);
  g_test_add_func ("/lb/risk-score/store", test_store);

  return g_test_run ();
}
