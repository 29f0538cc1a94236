/* test-preferences.c: the preferences window changes its settings at once (the Azure
 * endpoint when applied), and new projects, cost items and reports start from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-kind-info.h"
#include "lb-preferences-window.h"
#include "lb-project-dialog.h"
#include "lb-settings.h"
#include "lb-window.h"
#include "ui-test-common.h"

static void
test_preferences (void)
{
  g_autofree char *dir = ui_test_make_dir ("preferences");
  g_autofree char *path = g_build_filename (dir, "prefs.db", NULL);
  g_autoptr(GSettings) settings = lb_settings_new ();
  GtkWindow *window;
  LbWindow *main_window;
  LbProjectDialog *dialog;
  LbCostItem *item;
  GtkWidget *threshold, *currency;

  g_assert_nonnull (settings);
  main_window = lb_window_new (ui_test_get_application (), path);
  ui_test_show_window (GTK_WINDOW (main_window));

  g_action_group_activate_action (G_ACTION_GROUP (ui_test_get_application ()), "preferences", NULL);
  window = ui_test_find_window (LB_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (window);
  ui_test_show_window (window);
  g_free (ui_test_screenshot (GTK_WIDGET (window), "preferences.png"));

  threshold = ui_test_find_named (GTK_WIDGET (window), "new-project-lag-threshold");
  currency = ui_test_find_named (GTK_WIDGET (window), "default-currency");
  g_assert_true (GTK_IS_SPIN_BUTTON (threshold));
  g_assert_true (ADW_IS_COMBO_ROW (currency));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (threshold), 45);
  adw_combo_row_set_selected (ADW_COMBO_ROW (currency), 0); /* EUR */
  g_assert_cmpfloat (g_settings_get_double (settings, "new-project-lag-threshold"), ==, 45);
  {
    g_autofree char *code = g_settings_get_string (settings, "default-currency");

    g_assert_cmpstr (code, ==, "EUR");
  }

  /* Reports: the rows write their keys, and a report's options start from them. */
  {
    GtkWidget *paper = ui_test_find_named (GTK_WIDGET (window), "report-paper-size");
    GtkWidget *required = ui_test_find_named (GTK_WIDGET (window), "go-rehearsals-required");
    GtkWidget *organisation = ui_test_find_named (GTK_WIDGET (window), "report-organisation");
    g_auto(LbReportOptions) options;

    g_assert_true (ADW_IS_COMBO_ROW (paper));
    g_assert_true (GTK_IS_SPIN_BUTTON (required));
    g_assert_true (ADW_IS_ENTRY_ROW (organisation));
    adw_combo_row_set_selected (ADW_COMBO_ROW (paper), 1);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (required), 3);
    gtk_editable_set_text (GTK_EDITABLE (organisation), "  Contoso Ltd ");
    lb_report_options_init (&options);
    lb_settings_prepare_report_options (&options);
    g_assert_cmpint (options.paper, ==, LB_PAPER_LETTER);
    g_assert_cmpuint (options.policy.rehearsals_required, ==, 3);
    g_assert_cmpstr (options.organisation, ==, "Contoso Ltd");
    g_settings_reset (settings, "report-paper-size");
    g_settings_reset (settings, "go-rehearsals-required");
    g_settings_reset (settings, "report-organisation");
  }
  /* Lag sampling: the row writes the key, within the schema's range. */
  {
    GtkWidget *interval = ui_test_find_named (GTK_WIDGET (window), "sampling-interval");
    double lower, upper;

    g_assert_true (GTK_IS_SPIN_BUTTON (interval));
    g_assert_cmpint (g_settings_get_int (settings, "sampling-interval"), ==, 5);
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (interval)), ==, 5);
    gtk_spin_button_get_range (GTK_SPIN_BUTTON (interval), &lower, &upper);
    g_assert_cmpfloat (lower, ==, 1);
    g_assert_cmpfloat (upper, ==, 3600);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (interval), 15);
    g_assert_cmpint (g_settings_get_int (settings, "sampling-interval"), ==, 15);
    g_settings_reset (settings, "sampling-interval");
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (interval)), ==, 5);
  }

  /* The Azure endpoint: written when applied, trimmed; empty brings the public cloud back. */
  {
    GtkWidget *arm = ui_test_find_named (GTK_WIDGET (window), "arm-base-url");
    g_autofree char *url = NULL;

    g_assert_true (ADW_IS_ENTRY_ROW (arm));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (arm)), ==, "https://management.azure.com");
    gtk_editable_set_text (GTK_EDITABLE (arm), " https://management.usgovcloudapi.net ");
    url = g_settings_get_string (settings, "arm-base-url");
    g_assert_cmpstr (url, ==, "https://management.azure.com"); /* not before it is applied */
    g_clear_pointer (&url, g_free);
    g_signal_emit_by_name (arm, "apply");
    url = g_settings_get_string (settings, "arm-base-url");
    g_assert_cmpstr (url, ==, "https://management.usgovcloudapi.net");
    g_clear_pointer (&url, g_free);
    gtk_editable_set_text (GTK_EDITABLE (arm), "  ");
    g_signal_emit_by_name (arm, "apply");
    url = g_settings_get_string (settings, "arm-base-url");
    g_assert_cmpstr (url, ==, "https://management.azure.com");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (arm)), ==, "https://management.azure.com");
    g_settings_reset (settings, "arm-base-url");

    /* The end of the page, where the Azure group is. */
    {
      GtkWidget *scrolled = ui_test_find_by_type (GTK_WIDGET (window), GTK_TYPE_SCROLLED_WINDOW, NULL);
      GtkAdjustment *adjustment;

      g_assert_nonnull (scrolled);
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      ui_test_spin (100);
      g_free (ui_test_screenshot (GTK_WIDGET (window), "preferences-end.png"));
    }
  }
  gtk_window_destroy (window);

  /* A new project starts with the threshold, a new cost item with the currency. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.new-project", NULL));
  dialog = LB_PROJECT_DIALOG (ui_test_find_window (LB_TYPE_PROJECT_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lb_record_form_get_row (lb_project_dialog_get_form (dialog),
                                                                                 "lag_threshold_s"))), ==, "45");
  gtk_window_destroy (GTK_WINDOW (dialog));
  item = lb_kind_info_new_record (lb_kind_info_lookup (&lb_cost_item_kind), NULL, 1);
  g_assert_cmpstr (item->currency, ==, "EUR");
  lb_record_free (item);

  g_settings_reset (settings, "new-project-lag-threshold");
  g_settings_reset (settings, "default-currency");
  ui_test_destroy_window (GTK_WINDOW (main_window));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/preferences/new-records", test_preferences);
  return g_test_run ();
}
