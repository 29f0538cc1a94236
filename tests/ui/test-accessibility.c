/* test-accessibility.c: every icon-only control of the main window — on the portfolio and
 * on every page of a project — has an accessible label (GTK_A11Y=test backend), the
 * charts describe themselves, and the shortcuts window lists only shortcuts that exist.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lb-lag-page.h"
#include "lb-window.h"
#include "ui-test-common.h"

/* A button whose content is only an icon. */
static gboolean
is_icon_only (GtkWidget *widget)
{
  GtkWidget *child;

  if (GTK_IS_BUTTON (widget))
    {
      if (gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
        return FALSE;
      child = gtk_button_get_child (GTK_BUTTON (widget));
      return child == NULL || GTK_IS_IMAGE (child);
    }
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL &&
           gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget)) != NULL;
  return FALSE;
}

static void
check_tree (GtkWidget *widget,
            GString   *missing,
            guint     *checked)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (is_icon_only (widget))
    {
      (*checked)++;
      if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_string_append_printf (missing, "%s (icon %s, tooltip %s)\n", G_OBJECT_TYPE_NAME (widget),
                                GTK_IS_BUTTON (widget) && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (widget)))
                                ? gtk_image_get_icon_name (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (widget))))
                                : "?",
                                gtk_widget_get_tooltip_text (widget));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_tree (child, missing, checked);
}

static gboolean
lag_shown (gpointer data)
{
  return g_strcmp0 (lb_lag_page_get_state (data), "chart") == 0 && lb_lag_page_get_stats (data) != NULL;
}

static void
test_labels (void)
{
  g_autofree char *dir = ui_test_make_dir ("a11y");
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  static const char *const pages[] = {
    "overview", "readiness", "capacity", "rehearsals", "evidence", "costs", "risks", "approvals", "lag", "history",
  };
  LbDemoOptions options;
  LbWindow *window;
  guint checked = 0;

  {
    g_autoptr(LbStore) store = lb_store_open (path, &error);

    g_assert_no_error (error);
    lb_demo_options_init (&options);
    options.lag_days = 1;
    g_assert_true (lb_demo_generate (store, &options, NULL, &error));
  }
  window = lb_window_new (ui_test_get_application (), path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 800);
  ui_test_show_window (GTK_WINDOW (window));

  check_tree (GTK_WIDGET (window), missing, &checked); /* the portfolio */
  lb_window_open_project (window, ui_test_project_id (lb_window_get_store (window), "Luma Manufacturing — Plant ERP"));
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      lb_window_show_page (window, pages[i]);
      if (g_str_equal (pages[i], "lag"))
        ui_test_wait_until (lag_shown, lb_window_get_page (window, "lag"), 30000, "the lag chart");
      ui_test_spin (50);
      check_tree (GTK_WIDGET (window), missing, &checked);
    }
  g_test_message ("%u icon-only controls checked", checked);
  /* The check itself: a bare icon button has no label. */
  {
    GtkWidget *bare = g_object_ref_sink (gtk_button_new_from_icon_name ("document-edit-symbolic"));

    g_assert_true (is_icon_only (bare));
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (bare), GTK_ACCESSIBLE_PROPERTY_LABEL));
    g_object_unref (bare);
  }
  g_assert_cmpuint (checked, >, 30);
  if (missing->len > 0)
    g_error ("Icon-only controls without an accessible label:\n%s", missing->str);

  /* The lag chart says what it shows. */
  {
    LbLagChartView *chart = lb_lag_page_get_chart (LB_LAG_PAGE (lb_window_get_page (window, "lag")));

    g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG));
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL));
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  }
  /* The heat map too. */
  lb_window_show_page (window, "risks");
  ui_test_spin (50);
  {
    GtkWidget *heat_map = ui_test_find_named (GTK_WIDGET (window), "risk-heat-map");

    g_assert_nonnull (heat_map);
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (heat_map), GTK_ACCESSIBLE_PROPERTY_LABEL));
    g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (heat_map),
                                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  }
  ui_test_destroy_window (GTK_WINDOW (window));
}

/* Every shortcut the shortcuts window lists exists: an action entry has an accelerator
 * bound to that action, a key entry parses. */
static void
collect_shortcuts (GtkWidget *widget,
                   GPtrArray *shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    g_ptr_array_add (shortcuts, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shortcuts);
}

static char *
accels_of (GtkApplication *app,
           const char     *action)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, action);

  return g_strjoinv (" ", accels);
}

static void
test_shortcuts (void)
{
  g_autofree char *dir = ui_test_make_dir ("shortcuts");
  g_autofree char *path = g_build_filename (dir, "shortcuts.db", NULL);
  GtkApplication *app = ui_test_get_application ();
  g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
  gboolean saw_edit = FALSE, saw_export = FALSE, saw_menu = FALSE;
  GtkShortcutsWindow *overlay;
  LbWindow *window;

  window = lb_window_new (app, path);
  ui_test_show_window (GTK_WINDOW (window));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_cmpstr (accels_of (app, "win.show-help-overlay"), ==, "<Control>question");

  collect_shortcuts (GTK_WIDGET (overlay), shortcuts);
  g_assert_cmpuint (shortcuts->len, >=, 10);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *title = NULL;
      g_autofree char *action = NULL;
      g_autofree char *accelerator = NULL;

      g_object_get (shortcuts->pdata[i], "title", &title, "action-name", &action, "accelerator", &accelerator, NULL);
      if (action != NULL)
        {
          g_autofree char *accels = accels_of (app, action);

          if (*accels == '\0')
            g_error ("Shortcut “%s”: no accelerator is bound to %s", title, action);
          if (g_str_equal (action, "win.edit-project"))
            {
              g_assert_cmpstr (accels, ==, "<Control>e");
              saw_edit = TRUE;
            }
          if (g_str_equal (action, "win.export-report"))
            {
              g_assert_cmpstr (accels, ==, "<Shift><Control>e");
              saw_export = TRUE;
            }
        }
      else
        {
          g_auto(GStrv) keys = NULL;

          g_assert_nonnull (accelerator);
          keys = g_strsplit (accelerator, " ", -1);
          for (guint k = 0; keys[k] != NULL; k++)
            {
              guint key = 0;
              GdkModifierType mods = 0;

              if (!gtk_accelerator_parse (keys[k], &key, &mods) || key == 0)
                g_error ("Shortcut “%s”: cannot parse “%s”", title, keys[k]);
            }
          saw_menu |= g_str_equal (accelerator, "F10");
        }
    }
  g_assert_true (saw_edit);
  g_assert_true (saw_export);
  g_assert_true (saw_menu);

  gtk_window_set_transient_for (GTK_WINDOW (overlay), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (overlay));
  ui_test_show_window (GTK_WINDOW (overlay));
  g_free (ui_test_screenshot (GTK_WIDGET (overlay), "shortcuts.png"));
  gtk_window_close (GTK_WINDOW (overlay));
  ui_test_destroy_window (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/ui/accessibility/labels", test_labels);
  g_test_add_func ("/ui/accessibility/shortcuts", test_shortcuts);
  return g_test_run ();
}
