/* test-record-form.c: the generic record form on several record kinds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-record-form"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lb-record-form.h"

#include "ui-test-common.h"

static LbStore *
new_store (void)
{
  g_autofree char *dir = ui_test_make_dir ("form");
  g_autofree char *path = g_build_filename (dir, "form.db", NULL);
  g_autoptr(GError) error = NULL;
  LbStore *store = lb_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static LbRecordForm *
new_form (LbStore            *store,
          const LbRecordKind *kind)
{
  LbRecordForm *form = LB_RECORD_FORM (lb_record_form_new (store, kind, NULL, 0));

  g_object_ref_sink (form);
  return form;
}

static const char *
entry_text (LbRecordForm *form,
            const char   *field)
{
  return gtk_editable_get_text (GTK_EDITABLE (lb_record_form_get_row (form, field)));
}

static guint
combo_n_items (LbRecordForm *form,
               const char   *field)
{
  return g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (lb_record_form_get_row (form, field))));
}

static const char *
combo_item (LbRecordForm *form,
            const char   *field,
            guint         position)
{
  GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (lb_record_form_get_row (form, field)));

  return gtk_string_list_get_string (GTK_STRING_LIST (model), position);
}

static void
test_rows_follow_the_field_table (void)
{
  g_autoptr(LbStore) store = new_store ();
  LbRecordForm *form = new_form (store, &lb_project_kind);
  GtkWidget *row;

  /* One row per editable field, of the right kind. */
  g_assert_true (ADW_IS_ENTRY_ROW (lb_record_form_get_row (form, "name")));
  g_assert_true (ADW_IS_ENTRY_ROW (lb_record_form_get_row (form, "lag_threshold_s")));
  g_assert_true (ADW_IS_ENTRY_ROW (lb_record_form_get_row (form, "planned_cutover")));
  g_assert_true (ADW_IS_COMBO_ROW (lb_record_form_get_row (form, "status")));
  g_assert_true (ADW_IS_COMBO_ROW (lb_record_form_get_row (form, "wave_id")));
  row = lb_record_form_get_row (form, "notes");
  g_assert_true (ADW_IS_PREFERENCES_ROW (row));
  g_assert_false (ADW_IS_ENTRY_ROW (row));
  /* Computed fields are not editable. */
  g_assert_null (lb_record_form_get_row (form, "created_at"));
  g_assert_null (lb_record_form_get_row (form, "updated_at"));
  g_assert_null (lb_record_form_get_row (form, "no_such_field"));

  /* Defaults of a new record are shown. */
  g_assert_cmpstr (entry_text (form, "lag_threshold_s"), ==, "30");
  g_assert_cmpstr (entry_text (form, "downtime_target_min"), ==, "120");
  g_assert_cmpstr (entry_text (form, "name"), ==, "");

  /* Required enums offer their values; optional ones start with "Not set". */
  g_assert_cmpuint (combo_n_items (form, "status"), ==, lb_project_status_enum.n_values);
  g_assert_cmpstr (combo_item (form, "status", LB_STATUS_CUT_OVER), ==, "Cut over");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lb_record_form_get_row (form, "status"))), ==,
                    LB_STATUS_PLANNING);
  g_assert_cmpuint (combo_n_items (form, "target_tier"), ==, lb_tier_enum.n_values + 1);
  g_assert_cmpstr (combo_item (form, "target_tier", 0), ==, "Not set");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lb_record_form_get_row (form, "target_tier"))), ==, 0);

  g_assert_finalize_object (form);
}

static void
test_read_record (void)
{
  g_autoptr(LbStore) store = new_store ();
  LbRecordForm *form = new_form (store, &lb_wave_kind);
  g_autoptr(GError) error = NULL;
  g_autofree char *start = NULL;
  LbWave *wave;

  g_assert_true (lb_record_form_set_text (form, "name", "  Wave 3  "));
  g_assert_true (lb_record_form_set_text (form, "position", "3"));
  g_assert_true (lb_record_form_set_text (form, "window_start", "2027-03-01 20:00"));
  g_assert_true (lb_record_form_set_text (form, "window_end", "2027-03-02"));
  g_assert_true (lb_record_form_set_text (form, "notes", "  keep\nthe indentation"));

  wave = lb_record_form_read_record (form, &error);
  g_assert_no_error (error);
  g_assert_nonnull (wave);
  g_assert_cmpstr (wave->name, ==, "Wave 3");
  g_assert_cmpint (wave->position, ==, 3);
  start = lb_time_format_local (wave->window_start);
  g_assert_cmpstr (start, ==, "2027-03-01 20:00");
  g_assert_cmpint (wave->window_end - wave->window_start, ==, 4 * 3600 * 1000);
  g_assert_cmpstr (wave->notes, ==, "  keep\nthe indentation");
  /* Reading writes nothing. */
  g_assert_cmpint (lb_store_count (store, &lb_wave_kind, NULL, 0, NULL), ==, 0);
  lb_record_free (wave);

  g_assert_finalize_object (form);
}

static void
test_errors_under_rows (void)
{
  g_autoptr(LbStore) store = new_store ();
  LbRecordForm *form = new_form (store, &lb_wave_kind);
  g_autoptr(GError) error = NULL;
  gpointer record;

  /* Unreadable values: every one is marked, the first is returned. */
  lb_record_form_set_text (form, "name", "Wave X");
  lb_record_form_set_text (form, "position", "third");
  lb_record_form_set_text (form, "window_start", "soon");
  record = lb_record_form_read_record (form, &error);
  g_assert_null (record);
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_FORMAT);
  g_assert_cmpstr (lb_validation_error_get_field (error), ==, "position");
  g_assert_cmpstr (lb_record_form_get_error (form, "position"), ==, "“third” is not a whole number");
  g_assert_nonnull (strstr (lb_record_form_get_error (form, "window_start"), "is not a date such as"));
  g_assert_null (lb_record_form_get_error (form, "name"));
  g_assert_true (gtk_widget_has_css_class (lb_record_form_get_row (form, "position"), "error"));
  g_clear_error (&error);

  /* A rule across fields is shown under the field it names. */
  lb_record_form_set_text (form, "position", "3");
  lb_record_form_set_text (form, "window_start", "2027-03-02");
  lb_record_form_set_text (form, "window_end", "2027-03-01");
  record = lb_record_form_read_record (form, &error);
  g_assert_null (record);
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_ORDER);
  g_assert_nonnull (lb_record_form_get_error (form, "window_end"));
  g_assert_null (lb_record_form_get_error (form, "position"));
  g_clear_error (&error);

  /* Range. */
  lb_record_form_set_text (form, "window_end", "");
  lb_record_form_set_text (form, "position", "-1");
  g_assert_null (lb_record_form_read_record (form, &error));
  g_assert_cmpstr (lb_record_form_get_error (form, "position"), ==, "Must be between 0 and 10000");
  g_clear_error (&error);

  /* Clearing. */
  lb_record_form_clear_errors (form);
  g_assert_null (lb_record_form_get_error (form, "position"));
  g_assert_false (gtk_widget_has_css_class (lb_record_form_get_row (form, "position"), "error"));

  g_assert_finalize_object (form);
}

static void
test_set_record_round_trip (void)
{
  g_autoptr(LbStore) store = new_store ();
  LbRecordForm *form = new_form (store, &lb_project_kind);
  g_autoptr(GError) error = NULL;
  LbProject *project = lb_record_new (&lb_project_kind);
  LbProject *read;

  ui_test_set_fields (project, "name", "Round Trip", "status", "ready", "target_tier", "business_critical",
                      "target_vcores", "24", "lag_threshold_s", "2.5", "planned_cutover", "2026-12-24 18:30",
                      "notes", "x", NULL);
  lb_store_insert (store, project, &error);
  g_assert_no_error (error);

  lb_record_form_set_record (form, project);
  g_assert_cmpstr (entry_text (form, "name"), ==, "Round Trip");
  g_assert_cmpstr (entry_text (form, "lag_threshold_s"), ==, "2.5");
  g_assert_cmpstr (entry_text (form, "planned_cutover"), ==, "2026-12-24 18:30");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lb_record_form_get_row (form, "status"))), ==,
                    LB_STATUS_READY);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (lb_record_form_get_row (form, "target_tier"))), ==,
                    LB_TIER_BUSINESS_CRITICAL + 1);

  /* Reading back changes nothing, computed fields and the id included. */
  read = lb_record_form_read_record (form, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->id, ==, project->id);
  g_assert_cmpint (read->created_at, ==, project->created_at);
  g_assert_cmpint (read->planned_cutover, ==, project->planned_cutover);
  g_assert_cmpfloat (read->lag_threshold_s, ==, 2.5);
  g_assert_cmpint (read->target_tier, ==, LB_TIER_BUSINESS_CRITICAL);
  g_assert_cmpint (read->target_hardware, ==, LB_UNSET_ENUM);
  g_assert_cmpint (read->wave_id, ==, 0);

  /* "Not set" unsets an optional enum; emptying a number unsets it. */
  g_assert_true (lb_record_form_set_text (form, "target_tier", "Not set"));
  g_assert_true (lb_record_form_set_text (form, "lag_threshold_s", ""));
  lb_record_free (read);
  read = lb_record_form_read_record (form, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->target_tier, ==, LB_UNSET_ENUM);
  g_assert_true (isnan (read->lag_threshold_s));

  lb_record_free (read);
  lb_record_free (project);
  g_assert_finalize_object (form);
}

static gint64
insert_project (LbStore    *store,
                const char *name)
{
  LbProject *project = lb_record_new (&lb_project_kind);
  g_autoptr(GError) error = NULL;
  gint64 id;

  ui_test_set_fields (project, "name", name, NULL);
  lb_store_insert (store, project, &error);
  g_assert_no_error (error);
  id = project->id;
  lb_record_free (project);
  return id;
}

static gint64
insert_risk (LbStore    *store,
             gint64      project_id,
             const char *title)
{
  LbRisk *risk = lb_record_new (&lb_risk_kind);
  g_autoptr(GError) error = NULL;
  gint64 id;

  risk->project_id = project_id;
  ui_test_set_fields (risk, "title", title, NULL);
  lb_store_insert (store, risk, &error);
  g_assert_no_error (error);
  id = risk->id;
  lb_record_free (risk);
  return id;
}

static void
test_references_and_switches (void)
{
  g_autoptr(LbStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  gint64 p1 = insert_project (store, "One");
  gint64 p2 = insert_project (store, "Two");
  gint64 r1 = insert_risk (store, p1, "Risk of one");
  LbRecordForm *form;
  LbEvidence *evidence;
  LbRisk *risk;
  LbRisk *read_risk;

  insert_risk (store, p2, "Risk of two");

  /* Evidence of project One may point at One's risks only; parent rows are not shown. */
  form = new_form (store, &lb_evidence_kind);
  evidence = lb_record_new (&lb_evidence_kind);
  evidence->project_id = p1;
  lb_record_form_set_record (form, evidence);
  g_assert_null (lb_record_form_get_row (form, "project_id"));
  g_assert_null (lb_record_form_get_row (form, "size_bytes"));
  g_assert_cmpuint (combo_n_items (form, "risk_id"), ==, 2);
  g_assert_cmpstr (combo_item (form, "risk_id", 0), ==, "None");
  g_assert_cmpstr (combo_item (form, "risk_id", 1), ==, "Risk of one");
  g_assert_true (lb_record_form_set_text (form, "risk_id", "Risk of one"));
  g_assert_true (lb_record_form_set_text (form, "title", "Screenshot"));
  g_assert_true (lb_record_form_set_text (form, "captured_at", "2026-11-20 10:00"));
  lb_record_free (evidence);
  evidence = lb_record_form_read_record (form, &error);
  /* Content is a blob, not editable in a form: the store rejects the record under a
   * field the form does not show, so the caller gets the error to show elsewhere. */
  g_assert_null (evidence);
  g_assert_error (error, LB_VALIDATION_ERROR, LB_VALIDATION_ERROR_REQUIRED);
  g_assert_cmpstr (lb_validation_error_get_field (error), ==, "content");
  g_assert_false (lb_record_form_show_error (form, error));
  g_clear_error (&error);
  g_assert_finalize_object (form);

  /* Switch rows and integer ranges on a risk. */
  form = new_form (store, &lb_risk_kind);
  risk = lb_store_get (store, &lb_risk_kind, r1, NULL);
  lb_record_form_set_record (form, risk);
  g_assert_true (ADW_IS_ACTION_ROW (lb_record_form_get_row (form, "mitigation_accepted")));
  g_assert_true (lb_record_form_set_text (form, "mitigation_accepted", "yes"));
  g_assert_true (lb_record_form_set_text (form, "likelihood", "5"));
  read_risk = lb_record_form_read_record (form, &error);
  g_assert_no_error (error);
  g_assert_true (read_risk->mitigation_accepted);
  g_assert_cmpint (read_risk->likelihood, ==, 5);
  g_assert_cmpint (read_risk->project_id, ==, p1);
  lb_record_free (read_risk);

  g_assert_true (lb_record_form_set_text (form, "likelihood", "6"));
  g_assert_null (lb_record_form_read_record (form, &error));
  g_assert_cmpstr (lb_record_form_get_error (form, "likelihood"), ==, "Must be between 1 and 5");
  g_clear_error (&error);

  lb_record_free (risk);
  g_assert_finalize_object (form);
}

static void
test_wave_choices (void)
{
  g_autoptr(LbStore) store = new_store ();
  LbRecordForm *form;

  ui_test_fill_portfolio (store);
  form = new_form (store, &lb_project_kind);
  g_assert_cmpuint (combo_n_items (form, "wave_id"), ==, 3);
  g_assert_cmpstr (combo_item (form, "wave_id", 0), ==, "None");
  g_assert_cmpstr (combo_item (form, "wave_id", 1), ==, "Wave 1 — Finance");
  g_assert_cmpstr (combo_item (form, "wave_id", 2), ==, "Wave 2 — Operations");
  g_assert_finalize_object (form);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/record-form/rows-follow-the-field-table", test_rows_follow_the_field_table);
  g_test_add_func ("/ui/record-form/read-record", test_read_record);
  g_test_add_func ("/ui/record-form/errors-under-rows", test_errors_under_rows);
  g_test_add_func ("/ui/record-form/set-record-round-trip", test_set_record_round_trip);
  g_test_add_func ("/ui/record-form/references-and-switches", test_references_and_switches);
  g_test_add_func ("/ui/record-form/wave-choices", test_wave_choices);

  return g_test_run ();
}
