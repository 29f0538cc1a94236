/* lb-readiness-page.c
 *
 * Run Checks hands the chosen profile to lb_link_probe_run_async(): the worker looks the
 * password up, queries the server and writes the prerequisites and their evidence through
 * a store connection of its own. This page then tells the window's store, so that every
 * page reads them again. Checks may run for several projects at once; the bar shows those
 * of the project in view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-readiness-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-error-dialog.h"
#include "lb-evidence-viewer.h"
#include "lb-profile-chooser.h"
#include "lb-readiness-page.h"

typedef struct
{
  GCancellable *cancellable;
  char         *profile_name;
  char         *server;
  char         *login;
} ProbeRun;

struct _LbReadinessPage
{
  LbRecordListPage  parent_instance;

  GtkWidget        *bar;
  AdwActionRow     *bar_row;
  LbProfileChooser *chooser;
  GtkWidget        *spinner;
  GtkWidget        *run_button;
  GtkWidget        *cancel_button;
  GtkWidget        *profiles_button;

  LbStore          *store;    /* the page's, followed for changes to the project */
  GHashTable       *runs;     /* gint64 project id → ProbeRun*, while its checks run */
  GHashTable       *outcomes; /* gint64 project id → char*, what the last run found */
  char             *status;   /* what the bar says */
};

G_DEFINE_FINAL_TYPE (LbReadinessPage, lb_readiness_page, LB_TYPE_RECORD_LIST_PAGE)

static void
probe_run_free (gpointer data)
{
  ProbeRun *run = data;

  g_clear_object (&run->cancellable);
  g_free (run->profile_name);
  g_free (run->server);
  g_free (run->login);
  g_free (run);
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gint64
project_id_of (LbReadinessPage *self)
{
  return lb_record_list_page_get_project_id (LB_RECORD_LIST_PAGE (self));
}

/* "10 checks: 6 passed, 2 warnings, 1 failed, 1 could not be checked" */
static char *
summarize_checks (GPtrArray *checks)
{
  guint counts[4] = { 0 };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  for (guint i = 0; i < checks->len; i++)
    {
      const LbProbeCheck *check = checks->pdata[i];

      if ((guint) check->verdict < G_N_ELEMENTS (counts))
        counts[check->verdict]++;
    }
  if (counts[LB_PROBE_PASS] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u passed", "%u passed",
                                                          counts[LB_PROBE_PASS]), counts[LB_PROBE_PASS]));
  if (counts[LB_PROBE_WARN] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                          counts[LB_PROBE_WARN]), counts[LB_PROBE_WARN]));
  if (counts[LB_PROBE_FAIL] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed",
                                                          counts[LB_PROBE_FAIL]), counts[LB_PROBE_FAIL]));
  if (counts[LB_PROBE_UNKNOWN] > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u could not be checked",
                                                          "%u could not be checked", counts[LB_PROBE_UNKNOWN]),
                                             counts[LB_PROBE_UNKNOWN]));
  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (", ", (char **) parts->pdata);
  /* TRANSLATORS: "10 checks: 6 passed, 2 warnings, 1 failed, 1 could not be checked" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u check: %s", "%u checks: %s", checks->len), checks->len,
                          joined);
}

static void
set_status (LbReadinessPage *self,
            char            *status)
{
  g_free (self->status);
  self->status = status;
  adw_action_row_set_subtitle (self->bar_row, status != NULL ? status : "");
}

static void
update_bar (LbReadinessPage *self)
{
  gint64 project_id = project_id_of (self);
  const ProbeRun *run = g_hash_table_lookup (self->runs, &project_id);
  const LbConnectionProfile *profile = lb_profile_chooser_get_selected (self->chooser);
  const char *outcome = g_hash_table_lookup (self->outcomes, &project_id);
  LbStore *store = lb_record_list_page_get_store (LB_RECORD_LIST_PAGE (self));
  LbProject *project = store != NULL && project_id != 0 ? lb_store_get (store, &lb_project_kind, project_id, NULL)
                                                        : NULL;
  gboolean can_run = FALSE;

  gtk_widget_set_visible (self->bar, project_id != 0);
  if (run != NULL)
    /* TRANSLATORS: "Checking on sql01:1433 as linkbench with “ERP source”…" */
    set_status (self, g_strdup_printf (_("Checking on %s as %s with “%s”…"), run->server,
                                       run->login != NULL ? run->login : "?", run->profile_name));
  else if (profile == NULL)
    set_status (self, g_strdup (_("Add a connection profile for the SQL Server primary to check the link’s "
                                  "prerequisites on the live server.")));
  else if (profile->auth != LB_AUTH_SQL_LOGIN)
    set_status (self, g_strdup_printf (_("“%s” does not sign in with a SQL login: Windows and Microsoft Entra ID "
                                         "authentication are not supported for connecting yet."), profile->name));
  else if (project != NULL && project->source_database == NULL)
    /* The database checks (recovery model, backups, log reuse) need its name. */
    set_status (self, g_strdup (_("Name the project’s source database first: the checks read its recovery model, "
                                  "backups and log.")));
  else
    {
      g_autofree char *server = lb_sql_profile_server_label (profile);

      can_run = TRUE;
      if (outcome != NULL)
        set_status (self, g_strdup (outcome));
      else
        /* TRANSLATORS: "… on sql01:1433 with “ERP source”." */
        set_status (self, g_strdup_printf (_("Version, Always On, recovery model, backups, the mirroring endpoint, "
                                             "certificates, trace flags and permissions, on %s with “%s”."),
                                           server, profile->name));
    }

  gtk_widget_set_visible (self->spinner, run != NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), run != NULL);
  gtk_widget_set_visible (self->cancel_button, run != NULL);
  gtk_widget_set_visible (self->run_button, run == NULL && profile != NULL);
  gtk_widget_set_visible (self->profiles_button, run == NULL && profile == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->chooser), run == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "readiness.run-checks", run == NULL && can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "readiness.cancel-checks", run != NULL);
  g_clear_pointer (&project, lb_record_free);
}

/* ---- running the checks --------------------------------------------------------------- */

typedef struct
{
  LbReadinessPage *self;
  LbStore         *store;       /* the one the checks were run for */
  gint64           project_id;
  char            *profile_name;
} ProbeJob;

static void
probe_job_free (ProbeJob *job)
{
  g_object_unref (job->self);
  g_object_unref (job->store);
  g_free (job->profile_name);
  g_free (job);
}

static void
on_probe_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ProbeJob *job = user_data;
  LbReadinessPage *self = job->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = lb_link_probe_run_finish (result, &error);
  g_autofree char *summary = NULL;
  gboolean shown;

  /* The worker's own store connection wrote: the window's store must say so, even if this
   * page is gone meanwhile. */
  if (checks != NULL)
    {
      lb_store_notify_changed (job->store, lb_readiness_item_kind.table, 0);
      lb_store_notify_changed (job->store, lb_evidence_kind.table, 0);
    }
  if (self->runs == NULL)
    {
      probe_job_free (job);
      return;
    }
  g_hash_table_remove (self->runs, &job->project_id);
  shown = job->project_id == project_id_of (self) &&
          job->store == lb_record_list_page_get_store (LB_RECORD_LIST_PAGE (self));
  if (checks != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%H:%M");

      summary = summarize_checks (checks);
      /* TRANSLATORS: "Checked at 14:05 with “ERP source”. 10 checks: 6 passed, …" */
      g_hash_table_replace (self->outcomes, id_key (job->project_id),
                            g_strdup_printf (_("Checked at %s with “%s”. %s"), time, job->profile_name, summary));
      lb_record_list_page_toast (LB_RECORD_LIST_PAGE (self), summary);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_hash_table_replace (self->outcomes, id_key (job->project_id),
                          g_strdup (_("The checks were cancelled; nothing was written.")));
  else
    {
      /* TRANSLATORS: "The checks with “ERP source” did not run: login failed for user …" */
      g_hash_table_replace (self->outcomes, id_key (job->project_id),
                            g_strdup_printf (_("The checks with “%s” did not run: %s"), job->profile_name,
                                             error->message));
      if (shown)
        lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Run the Checks"), error->message);
    }
  update_bar (self);
  probe_job_free (job);
}

static void
run_checks_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LbReadinessPage *self = LB_READINESS_PAGE (widget);
  LbStore *store = lb_record_list_page_get_store (LB_RECORD_LIST_PAGE (self));
  const LbConnectionProfile *profile = lb_profile_chooser_get_selected (self->chooser);
  gint64 project_id = project_id_of (self);
  ProbeRun *run;
  ProbeJob *job;

  LbProject *project;
  gboolean named;

  if (store == NULL || project_id == 0 || profile == NULL || profile->auth != LB_AUTH_SQL_LOGIN ||
      g_hash_table_contains (self->runs, &project_id))
    return;
  project = lb_store_get (store, &lb_project_kind, project_id, NULL);
  named = project != NULL && project->source_database != NULL;
  g_clear_pointer (&project, lb_record_free);
  if (!named)
    return;
  run = g_new0 (ProbeRun, 1);
  run->cancellable = g_cancellable_new ();
  run->profile_name = g_strdup (profile->name);
  run->server = lb_sql_profile_server_label (profile);
  run->login = g_strdup (profile->login);
  g_hash_table_insert (self->runs, id_key (project_id), run);
  job = g_new0 (ProbeJob, 1);
  job->self = g_object_ref (self);
  job->store = g_object_ref (store);
  job->project_id = project_id;
  job->profile_name = g_strdup (profile->name);
  lb_link_probe_run_async (lb_store_get_path (store), project_id, profile, run->cancellable, on_probe_done, job);
  update_bar (self);
}

static void
cancel_checks_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LbReadinessPage *self = LB_READINESS_PAGE (widget);
  gint64 project_id = project_id_of (self);
  ProbeRun *run = g_hash_table_lookup (self->runs, &project_id);

  /* The worker stops at the next query (SQLCancel interrupts a running one). */
  if (run != NULL)
    g_cancellable_cancel (run->cancellable);
}

/* ---- evidence --------------------------------------------------------------------------- */

GtkWindow *
lb_readiness_page_show_evidence (LbReadinessPage *self,
                                 gint64           item_id)
{
  LbStore *store;
  GtkRoot *root;
  GtkWindow *viewer;

  g_return_val_if_fail (LB_IS_READINESS_PAGE (self), NULL);

  store = lb_record_list_page_get_store (LB_RECORD_LIST_PAGE (self));
  if (store == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  viewer = GTK_WINDOW (lb_evidence_viewer_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store, item_id));
  gtk_window_present (viewer);
  return viewer;
}

static void
show_evidence_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  lb_readiness_page_show_evidence (LB_READINESS_PAGE (widget), g_variant_get_int64 (parameter));
}

/* An item with evidence linked to it gets a button that opens it, with the count. */
static void
lb_readiness_page_decorate_row (LbRecordListPage *page,
                                GtkWidget        *row,
                                gconstpointer     record)
{
  const LbReadinessItem *item = record;
  LbStore *store = lb_record_list_page_get_store (page);
  gint64 n = store != NULL ? lb_store_count (store, &lb_evidence_kind, "readiness_id", item->id, NULL) : 0;
  g_autofree char *count = NULL;
  g_autofree char *label = NULL;
  GtkWidget *button;
  GtkWidget *content;

  if (n <= 0)
    return;
  count = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  /* TRANSLATORS: accessible label, "Evidence of “Full recovery model” (2)" */
  label = g_strdup_printf (_("Evidence of “%s” (%s)"), item->title, count);
  button = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "mail-attachment-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), count);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "evidence-button");
  gtk_widget_set_tooltip_text (button, _("Show the evidence"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "readiness.show-evidence");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (item->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
}

/* ---- the bar ---------------------------------------------------------------------------- */

static GtkWidget *
new_bar (LbReadinessPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("network-server-symbolic");

  /* The list's own clamp and margins, so that the bar lines up with it. */
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 880);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 640);
  gtk_widget_set_margin_top (list, 24);
  gtk_widget_set_margin_start (list, 12);
  gtk_widget_set_margin_end (list, 12);
  gtk_widget_add_css_class (clamp, "probe-bar");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Link prerequisite checks"), -1);

  self->bar_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->bar_row), _("Link Prerequisite Checks"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->bar_row), FALSE);
  adw_action_row_add_prefix (self->bar_row, icon);

  self->chooser = LB_PROFILE_CHOOSER (lb_profile_chooser_new ());
  g_signal_connect_object (self->chooser, "changed", G_CALLBACK (update_bar), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (self->bar_row, GTK_WIDGET (self->chooser));

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_valign (self->spinner, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Checking the prerequisites"), -1);
  adw_action_row_add_suffix (self->bar_row, self->spinner);

  self->run_button = gtk_button_new_with_mnemonic (_("_Run Checks"));
  gtk_widget_set_valign (self->run_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->run_button, "suggested-action");
  gtk_widget_set_tooltip_text (self->run_button, _("Check the SQL Server side of the link on the live server and "
                                                   "keep each query and its result as evidence"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->run_button), "readiness.run-checks");
  adw_action_row_add_suffix (self->bar_row, self->run_button);

  self->cancel_button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_valign (self->cancel_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->cancel_button), "readiness.cancel-checks");
  adw_action_row_add_suffix (self->bar_row, self->cancel_button);

  self->profiles_button = gtk_button_new_with_mnemonic (_("Connection Pro_files…"));
  gtk_widget_set_valign (self->profiles_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->profiles_button), "win.connection-profiles");
  adw_action_row_add_suffix (self->bar_row, self->profiles_button);

  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->bar_row));
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  return clamp;
}

/* The project's source database decides whether the checks can run. */
static void
on_data_changed (LbReadinessPage *self,
                 const char      *entity,
                 gint64           id,
                 LbStore         *store)
{
  if (g_strcmp0 (entity, lb_project_kind.table) == 0 || g_strcmp0 (entity, "*") == 0)
    update_bar (self);
}

static void
on_store_changed (LbReadinessPage *self)
{
  LbStore *store = lb_record_list_page_get_store (LB_RECORD_LIST_PAGE (self));

  if (self->store != store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, on_data_changed, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        g_signal_connect_object (store, "changed", G_CALLBACK (on_data_changed), self, G_CONNECT_SWAPPED);
    }
  lb_profile_chooser_set_store (self->chooser, store);
  lb_profile_chooser_set_project_id (self->chooser, project_id_of (self));
  update_bar (self);
}

/* ---- public API and GObject ------------------------------------------------------------- */

GtkWidget *
lb_readiness_page_new (void)
{
  return g_object_new (LB_TYPE_READINESS_PAGE, "kind", &lb_readiness_item_kind, NULL);
}

gboolean
lb_readiness_page_get_checking (LbReadinessPage *self)
{
  gint64 project_id;

  g_return_val_if_fail (LB_IS_READINESS_PAGE (self), FALSE);
  project_id = project_id_of (self);
  return self->runs != NULL && g_hash_table_contains (self->runs, &project_id);
}

const char *
lb_readiness_page_get_probe_status (LbReadinessPage *self)
{
  g_return_val_if_fail (LB_IS_READINESS_PAGE (self), NULL);
  return self->status;
}

static void
lb_readiness_page_constructed (GObject *object)
{
  LbReadinessPage *self = LB_READINESS_PAGE (object);

  G_OBJECT_CLASS (lb_readiness_page_parent_class)->constructed (object);

  self->bar = new_bar (self);
  lb_record_list_page_set_top_bar (LB_RECORD_LIST_PAGE (self), self->bar);
  g_signal_connect (self, "notify::store", G_CALLBACK (on_store_changed), NULL);
  g_signal_connect (self, "notify::project-id", G_CALLBACK (on_store_changed), NULL);
  on_store_changed (self);
}

static void
lb_readiness_page_dispose (GObject *object)
{
  LbReadinessPage *self = LB_READINESS_PAGE (object);

  if (self->runs != NULL)
    {
      GHashTableIter iter;
      gpointer run;

      g_hash_table_iter_init (&iter, self->runs);
      while (g_hash_table_iter_next (&iter, NULL, &run))
        g_cancellable_cancel (((ProbeRun *) run)->cancellable);
      g_clear_pointer (&self->runs, g_hash_table_unref);
    }
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_data_changed, self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_readiness_page_parent_class)->dispose (object);
}

static void
lb_readiness_page_finalize (GObject *object)
{
  LbReadinessPage *self = LB_READINESS_PAGE (object);

  g_clear_pointer (&self->outcomes, g_hash_table_unref);
  g_clear_pointer (&self->status, g_free);
  G_OBJECT_CLASS (lb_readiness_page_parent_class)->finalize (object);
}

static void
lb_readiness_page_class_init (LbReadinessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LbRecordListPageClass *page_class = LB_RECORD_LIST_PAGE_CLASS (klass);

  object_class->constructed = lb_readiness_page_constructed;
  object_class->dispose = lb_readiness_page_dispose;
  object_class->finalize = lb_readiness_page_finalize;
  page_class->decorate_row = lb_readiness_page_decorate_row;

  gtk_widget_class_install_action (widget_class, "readiness.run-checks", NULL, run_checks_action);
  gtk_widget_class_install_action (widget_class, "readiness.cancel-checks", NULL, cancel_checks_action);
  gtk_widget_class_install_action (widget_class, "readiness.show-evidence", "x", show_evidence_action);
}

static void
lb_readiness_page_init (LbReadinessPage *self)
{
  self->runs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, probe_run_free);
  self->outcomes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}
