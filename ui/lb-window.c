/* lb-window.c
 *
 * One window shows one database. Its states:
 *   projects   — the portfolio table (home), or the sidebar (projects grouped by wave) and
 *                the open project's pages
 *   empty      — the database holds no project: New Project / Open Demo Portfolio
 *   error      — the database could not be opened (newer schema, not a database …)
 *   generating — the demo portfolio is being created on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-delete-confirmation.h"
#include "lb-demo-database.h"
#include "lb-error-dialog.h"
#include "lb-evidence-page.h"
#include "lb-history-page.h"
#include "lb-kind-info.h"
#include "lb-lag-page.h"
#include "lb-portfolio-view.h"
#include "lb-profiles-dialog.h"
#include "lb-project-dialog.h"
#include "lb-readiness-page.h"
#include "lb-record-list-page.h"
#include "lb-report-dialog.h"
#include "lb-runbook-dialog.h"
#include "lb-settings.h"
#include "lb-wave-dialog.h"
#include "lb-window.h"


struct _LbWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkStack             *status_stack;
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  AdwWindowTitle       *sidebar_title;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *view_stack;
  AdwWindowTitle       *status_title;
  LbProjectList        *project_list;
  LbProjectPage        *project_page;
  GPtrArray            *record_pages; /* LbRecordListPage*, owned by view_stack */
  LbHistoryPage        *history_page; /* owned by view_stack */
  LbLagPage            *lag_page;     /* owned by view_stack */
  GtkRevealer          *demo_revealer;
  GtkRevealer          *portfolio_demo_revealer;
  AdwWindowTitle       *portfolio_title;
  LbPortfolioView      *portfolio_view;
  AdwStatusPage        *error_page;
  GtkSpinner           *spinner;

  GSettings            *settings;     /* NULL when the schema is not installed */
  LbStore              *store;
  LbSamplers           *samplers;     /* the lag samplers of the store's projects */
  GHashTable           *sample_counts; /* project id → samples its sampler had stored */
  char                 *home_path;
  char                 *path;
  char                 *error_message;
  GCancellable         *cancellable;  /* demo generation; cancelled when the window goes */
  guint                 generating : 1;
  guint                 showing_portfolio : 1; /* home, rather than the open project */
};

G_DEFINE_FINAL_TYPE (LbWindow, lb_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_HOME_PATH, PROP_PATH, PROP_STORE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static gboolean
is_demo_path (const char *path)
{
  g_autofree char *demo = lb_demo_database_get_path ();

  return g_strcmp0 (path, demo) == 0;
}

static void
toast (LbWindow   *self,
       const char *title)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
update_actions (LbWindow *self)
{
  gboolean has_store = self->store != NULL && !self->generating;
  gboolean has_project = has_store && lb_project_list_get_selected_project_id (self->project_list) != 0;
  gboolean showing_demo = is_demo_path (self->path);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-project", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-project", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-project", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connection-profiles", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 has_store && lb_project_list_get_n_projects (self->project_list) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-portfolio",
                                 has_store && lb_project_list_get_n_projects (self->project_list) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-waves", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.runbooks", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report",
                                 has_store && lb_project_list_get_n_projects (self->project_list) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-demo", !self->generating && !showing_demo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-demo", self->generating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-demo",
                                 !self->generating && showing_demo && !is_demo_path (self->home_path));
}

static void
update_state (LbWindow *self)
{
  const char *status = NULL;

  if (self->generating)
    status = "generating";
  else if (self->store == NULL)
    status = "error";
  else if (lb_project_list_get_n_projects (self->project_list) == 0)
    status = "empty";

  if (status != NULL)
    {
      gtk_stack_set_visible_child_name (self->status_stack, status);
      gtk_stack_set_visible_child_name (self->main_stack, "status");
    }
  else
    {
      const char *view = self->showing_portfolio ? "portfolio" : "projects";
      const char *shown = gtk_stack_get_visible_child_name (self->main_stack);

      /* Opening a project from the portfolio and back is immediate; status changes fade. */
      gtk_stack_set_transition_type (self->main_stack,
                                     g_strcmp0 (shown, "status") == 0 ? GTK_STACK_TRANSITION_TYPE_CROSSFADE
                                                                     : GTK_STACK_TRANSITION_TYPE_NONE);
      gtk_stack_set_visible_child_name (self->main_stack, view);
    }

  gtk_spinner_set_spinning (self->spinner, self->generating);
  gtk_revealer_set_reveal_child (self->demo_revealer, self->store != NULL && is_demo_path (self->path));
  gtk_revealer_set_reveal_child (self->portfolio_demo_revealer, self->store != NULL && is_demo_path (self->path));
  update_actions (self);
}

static void
update_titles (LbWindow *self)
{
  g_autofree char *basename = self->path != NULL ? g_path_get_basename (self->path) : NULL;
  g_autofree char *title = NULL;
  const char *display = basename;
  AdwWindowTitle *titles[] = { self->sidebar_title, self->status_title, self->portfolio_title };

  if (is_demo_path (self->path))
    display = _("Demo Portfolio");

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      adw_window_title_set_title (titles[i], display != NULL ? display : _("Linkbench"));
      adw_window_title_set_subtitle (titles[i], self->path != NULL ? self->path : "");
      gtk_widget_set_tooltip_text (GTK_WIDGET (titles[i]), self->path);
    }

  /* TRANSLATORS: the window title, "linkbench.db — Linkbench" */
  title = display != NULL ? g_strdup_printf (_("%s — Linkbench"), display) : g_strdup (_("Linkbench"));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
show_project (LbWindow *self,
              gint64    project_id)
{
  lb_project_page_set_project_id (self->project_page, project_id);
  for (guint i = 0; i < self->record_pages->len; i++)
    lb_record_list_page_set_project_id (g_ptr_array_index (self->record_pages, i), project_id);
  lb_history_page_set_project_id (self->history_page, project_id);
  lb_lag_page_set_project_id (self->lag_page, project_id);
}

/* A sampler stored a sample with its own store connection: this one must say so, so that
 * the chart, the counts and the portfolio read it. */
static void
on_samplers_changed (LbWindow   *self,
                     gint64      project_id,
                     LbSamplers *samplers)
{
  const LbSamplerStatus *status = lb_samplers_get_status (samplers, project_id);
  guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (self->sample_counts, &project_id));

  if (status == NULL || status->n_samples == seen)
    return;
  g_hash_table_replace (self->sample_counts, g_memdup2 (&project_id, sizeof project_id),
                        GUINT_TO_POINTER (status->n_samples));
  if (status->n_samples > 0 && self->store != NULL)
    lb_store_notify_changed (self->store, "lag_sample", project_id);
}

/* Stops every sampler of the database shown and waits for their threads (a cancelled
 * query returns at once). */
static void
drop_samplers (LbWindow *self)
{
  if (self->samplers == NULL)
    return;
  g_signal_handlers_disconnect_by_func (self->samplers, on_samplers_changed, self);
  lb_samplers_stop_all (self->samplers);
  g_clear_object (&self->samplers);
  g_hash_table_remove_all (self->sample_counts);
}

static void
set_store (LbWindow *self,
           LbStore  *store)
{
  if (self->store == store)
    return;
  drop_samplers (self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->samplers = lb_samplers_new (lb_store_get_path (store));
      g_signal_connect_object (self->samplers, "changed", G_CALLBACK (on_samplers_changed), self,
                               G_CONNECT_SWAPPED);
    }
  lb_project_list_set_samplers (self->project_list, self->samplers);
  lb_project_page_set_samplers (self->project_page, self->samplers);
  lb_lag_page_set_samplers (self->lag_page, self->samplers);
  lb_project_list_set_store (self->project_list, store);
  lb_project_page_set_store (self->project_page, store);
  for (guint i = 0; i < self->record_pages->len; i++)
    lb_record_list_page_set_store (g_ptr_array_index (self->record_pages, i), store);
  lb_history_page_set_store (self->history_page, store);
  lb_lag_page_set_store (self->lag_page, store);
  lb_portfolio_view_set_store (self->portfolio_view, store);
  show_project (self, lb_project_list_get_selected_project_id (self->project_list));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
lb_window_open_database (LbWindow   *self,
                         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = NULL;

  g_return_if_fail (LB_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  store = lb_store_open (path, &error);

  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_pointer (&self->error_message, g_free);
  if (store == NULL)
    {
      self->error_message = g_strdup (error->message);
      adw_status_page_set_description (self->error_page, error->message);
    }
  else if (self->settings != NULL && !is_demo_path (path))
    g_settings_set_string (self->settings, "last-database", path);

  lb_project_list_set_search_mode (self->project_list, FALSE);
  lb_portfolio_view_set_search_mode (self->portfolio_view, FALSE);
  /* A database opens on its portfolio. */
  self->showing_portfolio = TRUE;
  set_store (self, store);
  update_titles (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

/* ---- sidebar and page ------------------------------------------------------------------- */

static void
on_selected_project_changed (LbWindow      *self,
                             GParamSpec    *pspec,
                             LbProjectList *list)
{
  show_project (self, lb_project_list_get_selected_project_id (list));
  update_actions (self);
}

static void
on_n_projects_changed (LbWindow      *self,
                       GParamSpec    *pspec,
                       LbProjectList *list)
{
  update_state (self);
}

static void
on_project_activated (LbWindow      *self,
                       gint64         project_id,
                       LbProjectList *list)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

void
lb_window_open_project (LbWindow *self,
                        gint64    project_id)
{
  g_return_if_fail (LB_IS_WINDOW (self));

  if (!lb_project_list_select_project (self->project_list, project_id))
    return;
  self->showing_portfolio = FALSE;
  update_state (self);
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

void
lb_window_show_portfolio (LbWindow *self)
{
  g_return_if_fail (LB_IS_WINDOW (self));

  self->showing_portfolio = TRUE;
  lb_portfolio_view_select_project (self->portfolio_view,
                                    lb_project_list_get_selected_project_id (self->project_list));
  update_state (self);
}

gboolean
lb_window_get_showing_portfolio (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "portfolio") == 0;
}

static void
on_portfolio_project_activated (LbWindow        *self,
                                gint64           project_id,
                                LbPortfolioView *view)
{
  lb_window_open_project (self, project_id);
}

static void
on_back_clicked (LbWindow  *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The header shows the page switcher; where it does not fit, the project's name takes
 * its place and the switcher moves to a bar at the bottom. */
static void
update_content_title (LbWindow *self)
{
  const char *title = lb_project_page_get_title (self->project_page);

  adw_view_switcher_title_set_title (self->switcher_title, title != NULL ? title : "");
}

static void
on_page_title_changed (LbWindow      *self,
                       GParamSpec    *pspec,
                       LbProjectPage *page)
{
  update_content_title (self);
}

static void
on_show_page (LbWindow      *self,
              const char    *page_name,
              LbProjectPage *page)
{
  lb_window_show_page (self, page_name);
}

static void
on_folded_changed (LbWindow   *self,
                   GParamSpec *pspec,
                   AdwLeaflet *leaflet)
{
  update_content_title (self);
}

/* ---- actions ---------------------------------------------------------------------------- */

static void
on_dialog_saved (LbWindow        *self,
                 gint64           project_id,
                 gboolean         created,
                 LbProjectDialog *dialog)
{
  LbProject *project;
  g_autofree char *message = NULL;

  lb_project_list_select_project (self->project_list, project_id);
  project = lb_store_get (self->store, &lb_project_kind, project_id, NULL);
  if (project != NULL)
    {
      message = g_strdup_printf (created ? _("Project “%s” created") : _("Project “%s” saved"), project->name);
      toast (self, message);
      lb_record_free (project);
    }
  if (created)
    lb_window_open_project (self, project_id);
}

static void
open_project_dialog (LbWindow *self,
                     gint64    project_id)
{
  LbProjectDialog *dialog;

  g_return_if_fail (self->store != NULL);

  dialog = lb_project_dialog_new (GTK_WINDOW (self), self->store, project_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_project_dialog (LB_WINDOW (widget), 0);
}

static void
edit_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);
  gint64 id = lb_project_list_get_selected_project_id (self->project_list);

  if (id != 0)
    open_project_dialog (self, id);
}

static void
on_project_deleted (GtkWidget    *owner,
                    const char   *name,
                    const GError *error)
{
  LbWindow *self = LB_WINDOW (owner);
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Delete the Project"), error->message);
      return;
    }
  message = g_strdup_printf (_("Project “%s” deleted"), name);
  toast (self, message);
}

static void
delete_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);
  gint64 id = lb_project_list_get_selected_project_id (self->project_list);

  if (id == 0 || self->store == NULL)
    return;
  lb_delete_confirmation_run (widget, self->store, &lb_project_kind, id,
                              _(lb_kind_info_lookup (&lb_project_kind)->delete_body), on_project_deleted);
}

static void
connection_profiles_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);
  gint64 id = lb_project_list_get_selected_project_id (self->project_list);

  if (id == 0 || self->store == NULL)
    return;
  gtk_window_present (GTK_WINDOW (lb_profiles_dialog_new (GTK_WINDOW (self), self->store, id)));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);

  if (lb_window_get_showing_portfolio (self))
    lb_portfolio_view_set_search_mode (self->portfolio_view, !lb_portfolio_view_get_search_mode (self->portfolio_view));
  else
    lb_project_list_set_search_mode (self->project_list, !lb_project_list_get_search_mode (self->project_list));
}

static void
show_portfolio_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  lb_window_show_portfolio (LB_WINDOW (widget));
}

static void
runbooks_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (lb_runbook_dialog_new (GTK_WINDOW (self), self->store,
                                                           LB_REHEARSAL_PLANNED_FAILOVER)));
}

static void
manage_waves_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (lb_wave_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
on_report_exported (LbWindow       *self,
                    const char     *path,
                    LbReportDialog *dialog)
{
  g_autofree char *basename = g_path_get_basename (path);
  g_autofree char *title = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  AdwToast *report_toast;

  /* TRANSLATORS: a toast, "“Plant ERP — cutover report.pdf” exported" */
  title = g_strdup_printf (_("“%s” exported"), basename);
  report_toast = adw_toast_new (title);
  if (uri != NULL)
    {
      adw_toast_set_button_label (report_toast, _("_Open"));
      adw_toast_set_action_name (report_toast, "win.open-uri");
      adw_toast_set_action_target_value (report_toast, g_variant_new_string (uri));
    }
  adw_toast_set_timeout (report_toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, report_toast);
}

/* The portfolio's report on the portfolio, the open project's otherwise. */
static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);
  gint64 project_id = lb_window_get_showing_portfolio (self) ? 0
                                                             : lb_project_list_get_selected_project_id (self->project_list);
  LbReportDialog *dialog;

  if (self->store == NULL || self->generating)
    return;
  dialog = lb_report_dialog_new (GTK_WINDOW (self), self->store, project_id);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (on_report_exported), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME);
}

static void
on_demo_ready (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lb_demo_database_ensure_finish (result, &error);

  self->generating = FALSE;
  /* The window was closed meanwhile: dispose dropped the cancellable. */
  if (self->cancellable == NULL)
    return;

  if (path == NULL)
    {
      update_state (self);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lb_error_dialog_show (GTK_WIDGET (self), _("Could Not Open the Demo Portfolio"), error->message);
      return;
    }
  lb_window_open_database (self, path);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);

  if (self->generating || is_demo_path (self->path))
    return;

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generating = TRUE;
  update_state (self);
  lb_demo_database_ensure_async (self->cancellable, on_demo_ready, g_object_ref (self));
}

static void
cancel_demo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);

  g_cancellable_cancel (self->cancellable);
}

static void
close_demo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LbWindow *self = LB_WINDOW (widget);

  lb_window_open_database (self, self->home_path);
}

/* ---- window state ----------------------------------------------------------------------- */

static gboolean
lb_window_close_request (GtkWindow *window)
{
  LbWindow *self = LB_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (self->settings);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      g_settings_apply (self->settings);
    }
  g_cancellable_cancel (self->cancellable);
  if (self->samplers != NULL)
    lb_samplers_stop_all (self->samplers);

  return GTK_WINDOW_CLASS (lb_window_parent_class)->close_request (window);
}

static void
lb_window_constructed (GObject *object)
{
  LbWindow *self = LB_WINDOW (object);

  G_OBJECT_CLASS (lb_window_parent_class)->constructed (object);

  self->settings = lb_settings_new ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  if (self->home_path == NULL)
    self->home_path = lb_store_default_path ();
  lb_window_open_database (self, self->home_path);
}

LbWindow *
lb_window_new (GtkApplication *application,
               const char     *path)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (LB_TYPE_WINDOW,
                       "application", application,
                       "home-path", path,
                       NULL);
}

const char *
lb_window_get_home_path (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->home_path;
}

const char *
lb_window_get_path (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->path;
}

LbStore *
lb_window_get_store (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->store;
}

const char *
lb_window_get_state (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);

  /* The portfolio and the project pages are two views of the same state. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "status") != 0)
    return "projects";
  return gtk_stack_get_visible_child_name (self->status_stack);
}

const char *
lb_window_get_error_message (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->error_message;
}

LbProjectList *
lb_window_get_project_list (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->project_list;
}

LbProjectPage *
lb_window_get_project_page (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->project_page;
}

AdwViewStack *
lb_window_get_view_stack (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->view_stack;
}

GtkWidget *
lb_window_get_page (LbWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return adw_view_stack_get_child_by_name (self->view_stack, name);
}

void
lb_window_show_page (LbWindow   *self,
                     const char *name)
{
  g_return_if_fail (LB_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  if (self->showing_portfolio && lb_project_list_get_selected_project_id (self->project_list) != 0)
    {
      self->showing_portfolio = FALSE;
      update_state (self);
    }
}

LbSamplers *
lb_window_get_samplers (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->samplers;
}

LbPortfolioView *
lb_window_get_portfolio_view (LbWindow *self)
{
  g_return_val_if_fail (LB_IS_WINDOW (self), NULL);
  return self->portfolio_view;
}

static void
lb_window_dispose (GObject *object)
{
  LbWindow *self = LB_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  drop_samplers (self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->record_pages, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_WINDOW);

  G_OBJECT_CLASS (lb_window_parent_class)->dispose (object);
}

static void
lb_window_finalize (GObject *object)
{
  LbWindow *self = LB_WINDOW (object);

  g_clear_pointer (&self->home_path, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->error_message, g_free);
  g_clear_pointer (&self->sample_counts, g_hash_table_unref);

  G_OBJECT_CLASS (lb_window_parent_class)->finalize (object);
}

static void
lb_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LbWindow *self = LB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HOME_PATH:
      g_value_set_string (value, lb_window_get_home_path (self));
      break;
    case PROP_PATH:
      g_value_set_string (value, lb_window_get_path (self));
      break;
    case PROP_STORE:
      g_value_set_object (value, lb_window_get_store (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LbWindow *self = LB_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HOME_PATH:
      self->home_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_window_class_init (LbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lb_window_constructed;
  object_class->dispose = lb_window_dispose;
  object_class->finalize = lb_window_finalize;
  object_class->get_property = lb_window_get_property;
  object_class->set_property = lb_window_set_property;
  window_class->close_request = lb_window_close_request;

  properties[PROP_HOME_PATH] =
    g_param_spec_string ("home-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LB_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LB_TYPE_PROJECT_LIST);
  g_type_ensure (LB_TYPE_PROJECT_PAGE);
  g_type_ensure (LB_TYPE_PORTFOLIO_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, status_stack);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, content);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, status_title);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, project_list);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, project_page);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, portfolio_demo_revealer);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, portfolio_title);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, portfolio_view);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, LbWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_selected_project_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_n_projects_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_project_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_page_title_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_show_page);
  gtk_widget_class_bind_template_callback (widget_class, on_portfolio_project_activated);

  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.edit-project", NULL, edit_project_action);
  gtk_widget_class_install_action (widget_class, "win.delete-project", NULL, delete_project_action);
  gtk_widget_class_install_action (widget_class, "win.connection-profiles", NULL, connection_profiles_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-demo", NULL, cancel_demo_action);
  gtk_widget_class_install_action (widget_class, "win.close-demo", NULL, close_demo_action);
  gtk_widget_class_install_action (widget_class, "win.show-portfolio", NULL, show_portfolio_action);
  gtk_widget_class_install_action (widget_class, "win.manage-waves", NULL, manage_waves_action);
  gtk_widget_class_install_action (widget_class, "win.runbooks", NULL, runbooks_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, export_report_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
}

static void
on_page_add_toast (LbWindow *self,
                   AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* One page per record kind with a page in the kind table after the overview, and the
 * history last. */
static void
add_record_pages (LbWindow *self)
{
  guint n_pages;
  const LbKindInfo *const *pages = lb_kind_info_get_pages (&n_pages);

  for (guint i = 0; i < n_pages; i++)
    {
      GtkWidget *page = pages[i]->kind == &lb_evidence_kind         ? lb_evidence_page_new ()
                        : pages[i]->kind == &lb_readiness_item_kind ? lb_readiness_page_new ()
                                                                    : lb_record_list_page_new (pages[i]->kind);

      adw_view_stack_add_titled_with_icon (self->view_stack, page, pages[i]->page_name, _(pages[i]->title),
                                           pages[i]->icon_name);
      g_signal_connect_object (page, "add-toast", G_CALLBACK (on_page_add_toast), self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->record_pages, page);
    }

  self->lag_page = LB_LAG_PAGE (lb_lag_page_new ());
  g_signal_connect_object (self->lag_page, "add-toast", G_CALLBACK (on_page_add_toast), self, G_CONNECT_SWAPPED);
  adw_view_stack_add_titled_with_icon (self->view_stack, GTK_WIDGET (self->lag_page), "lag", _("Lag"),
                                       "network-transmit-receive-symbolic");

  self->history_page = LB_HISTORY_PAGE (lb_history_page_new ());
  adw_view_stack_add_titled_with_icon (self->view_stack, GTK_WIDGET (self->history_page), "history", _("History"),
                                       "document-open-recent-symbolic");
}

static void
lb_window_init (LbWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sample_counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->record_pages = g_ptr_array_new ();
  add_record_pages (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_folded_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->project_page, "add-toast", G_CALLBACK (on_page_add_toast), self, G_CONNECT_SWAPPED);
}
