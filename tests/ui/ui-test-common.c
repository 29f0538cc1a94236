/* ui-test-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ui-test"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "lb-application.h"

#include "ui-test-common.h"

static GtkApplication *application;
static char *test_root;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }
  g_rmdir (path);
}

static void
cleanup_root (void)
{
  if (test_root != NULL && g_getenv ("LB_TEST_KEEP") == NULL)
    remove_tree (test_root);
}

gboolean
ui_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  const char *const dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  /* Nothing may reach the user's own folders: the default database, the demo cache and
   * GTK's recently-used list all live under a private temporary folder. */
  test_root = g_dir_make_tmp ("linkbench-ui-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (cleanup_root);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (test_root, dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (dirs[i], dir, TRUE);
    }
  g_unsetenv ("LINKBENCH_DB");

  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");

  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display\n");
      return FALSE;
    }
  adw_init ();
  /* GDK_DEBUG=default-settings ignores the desktop's settings; use GNOME's font so that
   * screenshots look as they do on a GNOME desktop. */
  g_object_set (gtk_settings_get_default (), "gtk-font-name", "Cantarell 11", NULL);

  application = g_object_new (LB_TYPE_APPLICATION,
                              "application-id", "io.github.linkbench.Linkbench.Test",
                              "flags", G_APPLICATION_NON_UNIQUE,
                              NULL);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  return TRUE;
}

GtkApplication *
ui_test_get_application (void)
{
  return application;
}

char *
ui_test_make_dir (const char *name)
{
  static guint counter;
  g_autofree char *leaf = g_strdup_printf ("%s-%u", name, ++counter);
  char *dir = g_build_filename (test_root, leaf, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

void
ui_test_wait_until (gboolean  (*condition) (gpointer data),
                    gpointer    data,
                    guint       timeout_ms,
                    const char *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out after %u ms waiting for %s", timeout_ms, what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
ui_test_spin (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) ms * 1000;

  while (g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static gboolean
window_is_ready (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

void
ui_test_show_window (GtkWindow *window)
{
  gtk_window_present (window);
  ui_test_wait_until (window_is_ready, window, 10000, "the window to be mapped");
  /* A few frames for allocation, style and the first paint to settle. */
  ui_test_spin (300);
}

/* The paintable is empty while the widget waits for a new layout (after a stack switch,
 * for instance): spin until a frame has been drawn. */
static GskRenderNode *
snapshot_widget (GtkWidget *widget,
                 int        width,
                 int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  for (int attempt = 0; attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node != NULL)
        return node;
      ui_test_spin (100);
    }
  return NULL;
}

char *
ui_test_screenshot (GtkWidget  *widget,
                    const char *name)
{
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  char *path = g_build_filename (TEST_UI_BUILDDIR, name, NULL);
  int width, height;

  g_assert_true (gtk_widget_get_mapped (widget));
  ui_test_spin (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  node = snapshot_widget (widget, width, height);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s (%d×%d)", path, width, height);
  return path;
}

GtkWindow *
ui_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* (transfer none) */
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer a, gconstpointer b);

static GtkWidget *
find_widget (GtkWidget    *widget,
             WidgetMatch   match,
             gconstpointer a,
             gconstpointer b)
{
  if (match (widget, a, b))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, a, b);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_named (GtkWidget *widget, gconstpointer name, gconstpointer unused)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
has_class (GtkWidget *widget, gconstpointer css_class, gconstpointer unused)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
is_type_with_tooltip (GtkWidget *widget, gconstpointer type, gconstpointer tooltip)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type)) &&
         (tooltip == NULL || g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0);
}

static gboolean
has_action (GtkWidget *widget, gconstpointer action_name, gconstpointer unused)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0;
}

GtkWidget *
ui_test_find_with_action (GtkWidget  *root,
                          const char *action_name)
{
  return find_widget (root, has_action, action_name, NULL);
}

GtkWidget *
ui_test_find_named (GtkWidget  *root,
                    const char *name)
{
  return find_widget (root, is_named, name, NULL);
}

GtkWidget *
ui_test_find_with_class (GtkWidget  *root,
                         const char *css_class)
{
  return find_widget (root, has_class, css_class, NULL);
}

GtkWidget *
ui_test_find_by_type (GtkWidget  *root,
                      GType       type,
                      const char *tooltip)
{
  return find_widget (root, is_type_with_tooltip, GSIZE_TO_POINTER (type), tooltip);
}

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
ui_test_wait_finalized (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (G_OBJECT (object), &weak);
  ui_test_wait_until (pointer_is_null, &weak, 5000, "the object to be finalized");
}

void
ui_test_destroy_window (GtkWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (window);
  ui_test_wait_until (pointer_is_null, &weak, 5000, "the window to be finalized");
}

void
ui_test_set_fields (gpointer record,
                    ...)
{
  va_list args;
  const char *name;

  va_start (args, record);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autoptr(GError) error = NULL;

      lb_record_set_from_string (record, name, value, &error);
      g_assert_no_error (error);
    }
  va_end (args);
}

static gint64
insert (LbStore *store,
        gpointer record)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  lb_store_insert (store, record, &error);
  g_assert_no_error (error);
  id = LB_RECORD_ID (record);
  lb_record_free (record);
  return id;
}

static gint64
add_wave (LbStore    *store,
          const char *name,
          const char *position,
          const char *start,
          const char *end)
{
  gpointer wave = lb_record_new (&lb_wave_kind);

  ui_test_set_fields (wave, "name", name, "position", position, "window_start", start, "window_end", end, NULL);
  return insert (store, wave);
}

static gint64
add_project (LbStore    *store,
             const char *name,
             gint64      wave_id,
             const char *status,
             const char *server,
             const char *database,
             const char *target)
{
  LbProject *project = lb_record_new (&lb_project_kind);

  ui_test_set_fields (project, "name", name, "status", status, "source_server", server,
                      "source_database", database, "target_instance", target, NULL);
  project->wave_id = wave_id;
  return insert (store, project);
}

void
ui_test_fill_portfolio (LbStore *store)
{
  gint64 wave1 = add_wave (store, "Wave 1 — Finance", "1", "2026-12-05 20:00", "2026-12-07 06:00");
  gint64 wave2 = add_wave (store, "Wave 2 — Operations", "2", "2027-01-16 20:00", "2027-01-18 06:00");
  LbProject *erp = lb_record_new (&lb_project_kind);
  gint64 erp_id;
  gint64 p;

  ui_test_set_fields (erp,
                      "name", "ERP Plant 1",
                      "status", "replicating",
                      "owner", "Jana Novak",
                      "source_server", "sqlprod01",
                      "source_instance", "PROD",
                      "source_port", "1433",
                      "source_database", "ERP",
                      "source_version", "SQL Server 2019 CU22",
                      "target_instance", "mi-erp-weu",
                      "target_fqdn", "mi-erp-weu.4f2c1a.database.windows.net",
                      "target_region", "West Europe",
                      "target_resource_group", "rg-erp-prod",
                      "target_subscription", "Contoso Production",
                      "target_tier", "business_critical",
                      "target_hardware", "premium",
                      "target_vcores", "16",
                      "target_storage_gb", "1024",
                      "link_name", "dag_erp_plant1",
                      "source_ag", "AG_ERP",
                      "target_ag", "AG_ERP_MI",
                      "failover_mode", "manual",
                      "lag_threshold_s", "15",
                      "downtime_target_min", "30",
                      "planned_cutover", "2026-12-06 22:00",
                      "notes", "Plant 1 closes its books on the 5th; cut over after the close.",
                      NULL);
  erp->wave_id = wave1;
  erp_id = insert (store, erp);

  add_project (store, "Payroll", wave1, "rehearsing", "sqlhr02", "Payroll", "mi-hr-weu");
  add_project (store, "Treasury", wave1, "ready", "sqlfin01", "Treasury", "mi-fin-weu");
  add_project (store, "Warehouse Ops", wave2, "seeding", "sqlwms01", "WMS", "mi-ops-neu");
  add_project (store, "Fleet Tracking", wave2, "cut_over", "sqlfleet", "Fleet", "mi-ops-neu");
  add_project (store, "Legacy Billing", wave2, "rolled_back", "sqlbill7", "Billing", "mi-bill-neu");
  add_project (store, "Intranet CMS", 0, "planning", "sqlweb03", "Intranet", NULL);
  p = add_project (store, "Finance DR", 0, "dr_standby", "sqlfin01", "Ledger", "mi-fin-dr-neu");
  {
    LbProject *dr = lb_store_get (store, &lb_project_kind, p, NULL);

    ui_test_set_fields (dr, "scenario", "disaster_recovery", NULL);
    lb_store_update (store, dr, NULL);
    lb_record_free (dr);
  }

  /* Records of every counted kind for ERP Plant 1: 5 3 2 4 3 2 1 2. */
  for (int i = 0; i < 5; i++)
    {
      LbReadinessItem *item = lb_record_new (&lb_readiness_item_kind);
      g_autofree char *title = g_strdup_printf ("Control %d", i + 1);

      item->project_id = erp_id;
      ui_test_set_fields (item, "title", title, "status", i < 3 ? "clear" : "in_progress", NULL);
      insert (store, item);
    }
  for (int i = 0; i < 3; i++)
    {
      LbCapacityTest *test = lb_record_new (&lb_capacity_test_kind);

      test->project_id = erp_id;
      ui_test_set_fields (test, "tested_at", "2026-11-02 10:00", "method", "benchmark",
                          "target_tier", "business_critical", "target_vcores", "16", NULL);
      insert (store, test);
    }
  for (int i = 0; i < 2; i++)
    {
      LbRehearsal *rehearsal = lb_record_new (&lb_rehearsal_kind);

      rehearsal->project_id = erp_id;
      ui_test_set_fields (rehearsal, "kind", "planned_failover", "title", i == 0 ? "Drill 1" : "Drill 2",
                          "started_at", "2026-11-10 21:00", "outcome", "success", NULL);
      insert (store, rehearsal);
    }
  for (int i = 0; i < 4; i++)
    {
      LbEvidence *evidence = lb_record_new (&lb_evidence_kind);
      g_autofree char *title = g_strdup_printf ("Evidence %d", i + 1);

      evidence->project_id = erp_id;
      ui_test_set_fields (evidence, "title", title, "kind", "text", "content", "ok",
                          "captured_at", "2026-11-10 21:30", NULL);
      insert (store, evidence);
    }
  for (int i = 0; i < 3; i++)
    {
      LbCostItem *cost = lb_record_new (&lb_cost_item_kind);

      cost->project_id = erp_id;
      ui_test_set_fields (cost, "category", "mi_compute", "description", "Compute", "amount", "4200.00",
                          "period", "monthly", NULL);
      insert (store, cost);
    }
  for (int i = 0; i < 2; i++)
    {
      LbRisk *risk = lb_record_new (&lb_risk_kind);

      risk->project_id = erp_id;
      ui_test_set_fields (risk, "title", i == 0 ? "Log growth" : "Month-end load", NULL);
      insert (store, risk);
    }
  {
    LbApproval *approval = lb_record_new (&lb_approval_kind);

    approval->project_id = erp_id;
    ui_test_set_fields (approval, "subject", "design", "approver", "R. Okafor", "decision", "approved",
                        "decided_at", "2026-10-20 16:00", NULL);
    insert (store, approval);
  }
  /* Two hours of lag history, one sample a minute. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LbLagWriter) writer = lb_lag_writer_new (store, erp_id, LB_LAG_SOURCE_IMPORT, 0, &error);
    gint64 start = lb_time_now_ms () - 2 * 3600 * 1000;

    g_assert_no_error (error);
    for (int i = 0; i < 120; i++)
      {
        LbLagSample sample;

        lb_lag_sample_init (&sample, start + (gint64) i * 60000);
        sample.lag_s = 2.0 + (i % 7);
        lb_lag_writer_add (writer, &sample, &error);
        g_assert_no_error (error);
      }
    lb_lag_writer_commit (writer, &error);
    g_assert_no_error (error);
  }

  for (int i = 0; i < 2; i++)
    {
      LbConnectionProfile *profile = lb_record_new (&lb_connection_profile_kind);

      profile->project_id = erp_id;
      ui_test_set_fields (profile, "name", i == 0 ? "ERP source" : "ERP target",
                          "side", i == 0 ? "sqlserver" : "managed_instance",
                          "host", i == 0 ? "sqlprod01" : "mi-erp-weu.4f2c1a.database.windows.net", NULL);
      insert (store, profile);
    }
}

gint64
ui_test_project_id (LbStore    *store,
                    const char *name)
{
  LbProject *project = lb_store_find (store, &lb_project_kind, "name", name, NULL);
  gint64 id = 0;

  if (project != NULL)
    {
      id = project->id;
      lb_record_free (project);
    }
  return id;
}
