/* lb-project-page.c
 *
 * The page reads one project, its wave and the record counts (a handful of indexed
 * reads) whenever the store reports a change that concerns it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-project-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lb-drift-group.h"
#include "lb-kind-info.h"
#include "lb-project-page.h"
#include "lb-project-row.h"
#include "lb-sampler-text.h"
#include "lb-status-badge.h"

/* The kinds counted on the overview, in the order of the cards; lag samples follow. */
static const LbRecordKind *const counted_kinds[] = {
  &lb_readiness_item_kind,
  &lb_capacity_test_kind,
  &lb_rehearsal_kind,
  &lb_evidence_kind,
  &lb_cost_item_kind,
  &lb_risk_kind,
  &lb_approval_kind,
  &lb_connection_profile_kind,
};

struct _LbProjectPage
{
  GtkWidget            parent_instance;

  GtkLabel            *title_label;
  LbStatusBadge       *status_badge;
  GtkWidget           *sampling_badge;
  GtkLabel            *summary_label;
  GtkLabel            *link_label;
  GtkFlowBox          *counts_box;
  AdwPreferencesGroup *identity_group;
  AdwPreferencesGroup *link_group;
  LbDriftGroup        *drift_group;
  AdwPreferencesGroup *plan_group;
  AdwPreferencesGroup *notes_group;
  GtkLabel            *notes_label;

  LbStore             *store;
  LbSamplers          *samplers;  /* nullable */
  gint64               project_id;
  char                *title;
  GPtrArray           *rows;  /* AdwActionRow*, removed from their group on refresh */
  gint64               counts[G_N_ELEMENTS (counted_kinds)];

  /* Lag samples can be millions of rows: counted on a worker (see lag_extent_async). */
  GCancellable        *lag_cancellable;
  GtkLabel            *lag_count_label;  /* unowned: the card's number */
  AdwActionRow        *lag_row;          /* unowned: "Lag history" */
  GtkLabel            *lag_value_label;  /* unowned: its value */
  gint64               lag_count;        /* -1 until known */
};

G_DEFINE_FINAL_TYPE (LbProjectPage, lb_project_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_PROJECT_ID, PROP_TITLE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SHOW_PAGE, ADD_TOAST, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
clear_rows (LbProjectPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

/* A "label … value" row. @value NULL reads "Not set", dimmed. */
static void
add_row (LbProjectPage       *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *value,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value != NULL ? value : _("Not set"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* Values are short (names, sizes, modes); a long one is ellipsized with the whole
   * text as tooltip rather than wrapped into a narrow column. */
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
  gtk_label_set_selectable (GTK_LABEL (label), value != NULL);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (value != NULL)
    gtk_widget_set_tooltip_text (label, value);
  gtk_widget_add_css_class (label, "property-value");
  if (value == NULL)
    gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  g_object_set_data (G_OBJECT (row), "value-label", label);

  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
add_field_row (LbProjectPage       *self,
               AdwPreferencesGroup *group,
               const LbProject     *project,
               const char          *field_name,
               const char          *subtitle)
{
  const LbFieldInfo *field = lb_record_kind_find_field (&lb_project_kind, field_name);
  g_autofree char *value = NULL;

  g_assert (field != NULL);
  value = lb_record_field_to_display (field, project);
  add_row (self, group, _(field->label), value, subtitle);
}

/* "sqlprod01\PROD,1433": the notation SQL Server tools use. */
static char *
format_source_server (const LbProject *project)
{
  GString *s;

  if (project->source_server == NULL)
    return NULL;
  s = g_string_new (project->source_server);
  if (project->source_instance != NULL)
    g_string_append_printf (s, "\\%s", project->source_instance);
  if (project->source_port != LB_UNSET_INT)
    g_string_append_printf (s, ",%" G_GINT64_FORMAT, project->source_port);
  return g_string_free (s, FALSE);
}

/* "Business Critical · 8 vCores · 512 GB" */
static char *
format_service (const LbProject *project)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (project->target_tier != LB_UNSET_ENUM)
    g_ptr_array_add (parts, g_strdup (lb_enum_info_label (&lb_tier_enum, project->target_tier)));
  if (project->target_vcores != LB_UNSET_INT)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%d vCore", "%d vCores", (gulong) project->target_vcores),
                                             (int) project->target_vcores));
  if (project->target_storage_gb != LB_UNSET_INT)
    /* TRANSLATORS: storage size of a managed instance */
    g_ptr_array_add (parts, g_strdup_printf (_("%d GB"), (int) project->target_storage_gb));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static char *
format_relative_day (gint64 when_ms)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (when_ms / 1000);
  g_autoptr(GDate) today = NULL;
  g_autoptr(GDate) day = NULL;
  int days;

  if (then == NULL)
    return NULL;
  today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                          g_date_time_get_year (now));
  day = g_date_new_dmy (g_date_time_get_day_of_month (then), g_date_time_get_month (then),
                        g_date_time_get_year (then));
  days = g_date_days_between (today, day);
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Tomorrow"));
  if (days == -1)
    return g_strdup (_("Yesterday"));
  if (days > 0)
    return g_strdup_printf (ngettext ("In %d day", "In %d days", (gulong) days), days);
  return g_strdup_printf (ngettext ("%d day ago", "%d days ago", (gulong) -days), -days);
}

/* @page_name: (nullable): the page that lists the records; the card then opens it. */
static GtkWidget *
new_count_card (const char *plural,
                gint64      count,
                const char *page_name,
                GtkLabel  **number_label)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number;
  GtkWidget *label = gtk_label_new (plural);
  GtkWidget *child;
  g_autofree char *text = count >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count) : g_strdup ("–");
  g_autofree char *accessible = g_strdup_printf ("%s: %s", plural, text);

  number = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_widget_add_css_class (number, "title-2");
  gtk_widget_add_css_class (number, "numeric");
  if (count == 0)
    gtk_widget_add_css_class (number, "dim-label");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "count-card");
  gtk_widget_set_tooltip_text (box, accessible);

  child = gtk_flow_box_child_new ();
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
  gtk_widget_set_focusable (child, page_name != NULL);
  if (page_name != NULL)
    {
      gtk_widget_add_css_class (box, "activatable");
      g_object_set_data_full (G_OBJECT (child), "lb-page-name", g_strdup (page_name), g_free);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (number_label != NULL)
    *number_label = GTK_LABEL (number);
  return child;
}

static void
set_title (LbProjectPage *self,
           const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
fill_counts (LbProjectPage *self,
             gint64         project_id)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->counts_box))) != NULL)
    gtk_flow_box_remove (self->counts_box, child);

  for (guint i = 0; i < G_N_ELEMENTS (counted_kinds); i++)
    {
      const LbRecordKind *kind = counted_kinds[i];
      const LbFieldInfo *parent = lb_record_kind_parent_field (kind);
      g_autoptr(GError) error = NULL;
      GtkWidget *card;

      self->counts[i] = lb_store_count (self->store, kind, parent->name, project_id, &error);
      if (self->counts[i] < 0)
        g_debug ("Could not count %s: %s", kind->table, error->message);
      card = new_count_card (_(kind->plural), self->counts[i],
                             lb_kind_info_lookup (kind) != NULL ? lb_kind_info_lookup (kind)->page_name : NULL, NULL);
      /* Profiles have a window rather than a page. */
      if (kind == &lb_connection_profile_kind)
        {
          gtk_widget_set_focusable (card, TRUE);
          gtk_widget_add_css_class (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (card)), "activatable");
          g_object_set_data (G_OBJECT (card), "lb-action-name", (gpointer) "win.connection-profiles");
        }
      gtk_flow_box_append (self->counts_box, card);
    }
  gtk_flow_box_append (self->counts_box, new_count_card (_("Lag samples"), -1, NULL, &self->lag_count_label));
}


/* ---- lag history, counted on a worker ------------------------------------------------- */

typedef struct
{
  char       *path;
  gint64      project_id;
  gint64      count;
  gint64      first;
  gint64      last;
  double      threshold_s;
  LbLagStats  day;         /* the last 24 h of samples */
} LagExtent;

static void
lag_extent_free (gpointer data)
{
  LagExtent *extent = data;

  g_free (extent->path);
  g_free (extent);
}

/* An LbStore is used from one thread at a time: the worker opens its own. */
static void
lag_extent_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LagExtent *extent = task_data;
  g_autoptr(LbStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = lb_store_open (extent->path, &error);
  if (store == NULL ||
      !lb_store_lag_extent (store, extent->project_id, &extent->count, &extent->first, &extent->last, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The last day's statistics: only that day is read. */
  extent->day.n_samples = 0;
  if (extent->count > 0)
    {
      gint64 since = extent->last - 24 * G_GINT64_CONSTANT (3600000);
      g_autoptr(LbLagSeries) series = lb_lag_series_load_since (extent->path, extent->project_id, since,
                                                                cancellable, &error);

      if (series == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      lb_lag_stats_compute (series, since, extent->last + 1, extent->threshold_s, &extent->day);
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_lag_extent (LbProjectPage   *self,
                 const LagExtent *extent)
{
  g_autofree char *count = NULL;
  g_autofree char *accessible = NULL;

  self->lag_count = extent != NULL ? extent->count : -1;
  count = extent != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT, extent->count) : g_strdup ("–");
  gtk_label_set_text (self->lag_count_label, count);
  if (extent != NULL && extent->count == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->lag_count_label), "dim-label");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->lag_count_label), "dim-label");
  accessible = g_strdup_printf ("%s: %s", _("Lag samples"), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_ancestor (GTK_WIDGET (self->lag_count_label),
                                                                          GTK_TYPE_FLOW_BOX_CHILD)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  if (extent != NULL && extent->count > 0 && extent->first != LB_UNSET_INT)
    {
      g_autofree char *first = lb_time_format_local (extent->first);
      g_autofree char *last = lb_time_format_local (extent->last);
      g_autofree char *span = g_strdup_printf (_("%s – %s"), first, last);
      g_autofree char *duration = lb_duration_format (extent->last - extent->first);

      g_autofree char *subtitle = NULL;

      gtk_label_set_text (self->lag_value_label, duration);
      gtk_widget_remove_css_class (GTK_WIDGET (self->lag_value_label), "dim-label");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->lag_value_label), span);
      if (extent->day.n_samples > 0 && !isnan (extent->threshold_s))
        /* TRANSLATORS: "… · last 24 h: p95 0.9 s, max 10.4 s, 0.0 % above 30 s" */
        subtitle = g_strdup_printf (_("%s · last 24 h: p95 %.1f s, max %.1f s, %.1f %% above %g s"), span,
                                    extent->day.p95, extent->day.max, extent->day.pct_above, extent->threshold_s);
      else if (extent->day.n_samples > 0)
        subtitle = g_strdup_printf (_("%s · last 24 h: p95 %.1f s, max %.1f s"), span, extent->day.p95,
                                    extent->day.max);
      adw_action_row_set_subtitle (self->lag_row, subtitle != NULL ? subtitle : span);
    }
  else
    gtk_label_set_text (self->lag_value_label, extent != NULL ? _("No samples yet") : _("Unknown"));
}

static void
on_lag_extent_ready (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LbProjectPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->lag_count_label != NULL)
        {
          g_debug ("Could not read the lag history: %s", error->message);
          show_lag_extent (self, NULL);
        }
      return;
    }
  if (self->lag_count_label != NULL)
    show_lag_extent (self, g_task_get_task_data (G_TASK (result)));
}

static void
load_lag_extent (LbProjectPage *self,
                 gint64         project_id)
{
  g_autoptr(GTask) task = NULL;
  LagExtent *extent = g_new0 (LagExtent, 1);

  g_cancellable_cancel (self->lag_cancellable);
  g_clear_object (&self->lag_cancellable);
  self->lag_cancellable = g_cancellable_new ();
  self->lag_count = -1;

  extent->path = g_strdup (lb_store_get_path (self->store));
  extent->project_id = project_id;
  {
    LbProject *project = lb_store_get (self->store, &lb_project_kind, project_id, NULL);

    extent->threshold_s = project != NULL ? project->lag_threshold_s : NAN;
    lb_record_free (project);
  }
  task = g_task_new (NULL, self->lag_cancellable, on_lag_extent_ready, g_object_ref (self));
  g_task_set_source_tag (task, load_lag_extent);
  g_task_set_task_data (task, extent, lag_extent_free);
  g_task_run_in_thread (task, lag_extent_thread);
}

static void
lb_project_page_refresh (LbProjectPage *self)
{
  g_autoptr(GError) error = NULL;
  LbProject *project = NULL;
  LbWave *wave = NULL;
  g_autofree char *link = NULL;
  g_autofree char *server = NULL;
  g_autofree char *service = NULL;
  g_autofree char *hardware = NULL;
  g_autofree char *ags = NULL;
  g_autofree char *cutover = NULL;
  g_autofree char *cutover_relative = NULL;
  g_autofree char *wave_window = NULL;
  g_autofree char *summary = NULL;
  const char *scenario;

  clear_rows (self);
  lb_drift_group_set_project_id (self->drift_group, self->store != NULL ? self->project_id : 0);

  if (self->store != NULL && self->project_id != 0)
    {
      project = lb_store_get (self->store, &lb_project_kind, self->project_id, &error);
      if (project == NULL)
        g_debug ("Project %" G_GINT64_FORMAT " is gone: %s", self->project_id, error->message);
    }
  if (project == NULL)
    {
      g_cancellable_cancel (self->lag_cancellable);
      self->lag_count_label = NULL;
      self->lag_value_label = NULL;
      self->lag_row = NULL;
      set_title (self, NULL);
      gtk_label_set_text (self->title_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->notes_group), FALSE);
      return;
    }
  if (project->wave_id != 0)
    wave = lb_store_get (self->store, &lb_wave_kind, project->wave_id, NULL);

  /* Header: name, status, scenario · wave, and the link in one line. */
  set_title (self, project->name);
  gtk_label_set_text (self->title_label, project->name);
  lb_status_badge_set_status (self->status_badge, project->status);
  scenario = lb_enum_info_label (&lb_scenario_enum, project->scenario);
  if (wave != NULL)
    /* TRANSLATORS: "Migration · Wave 1" */
    summary = g_strdup_printf (_("%s · %s"), scenario != NULL ? scenario : "", wave->name);
  else
    summary = g_strdup (scenario);
  gtk_label_set_text (self->summary_label, summary);
  link = lb_project_format_link (project, FALSE);
  gtk_label_set_text (self->link_label, link);

  fill_counts (self, project->id);

  /* Source and target */
  server = format_source_server (project);
  add_row (self, self->identity_group, _("Source server"), server, project->source_version);
  add_field_row (self, self->identity_group, project, "source_database", NULL);
  add_field_row (self, self->identity_group, project, "target_instance", project->target_fqdn);
  add_field_row (self, self->identity_group, project, "target_region", NULL);
  service = format_service (project);
  if (project->target_hardware != LB_UNSET_ENUM)
    hardware = g_strdup (lb_enum_info_label (&lb_hardware_enum, project->target_hardware));
  add_row (self, self->identity_group, _("Service tier"), service, hardware);
  add_field_row (self, self->identity_group, project, "target_resource_group", project->target_subscription);

  /* Link */
  add_field_row (self, self->link_group, project, "link_name", NULL);
  if (project->source_ag != NULL || project->target_ag != NULL)
    /* TRANSLATORS: "SQL Server AG → Managed Instance AG" */
    ags = g_strdup_printf (_("%s → %s"),
                           project->source_ag != NULL ? project->source_ag : _("not set"),
                           project->target_ag != NULL ? project->target_ag : _("not set"));
  add_row (self, self->link_group, _("Availability groups"), ags, NULL);
  add_field_row (self, self->link_group, project, "replication_mode", NULL);
  add_field_row (self, self->link_group, project, "failover_mode", NULL);
  add_field_row (self, self->link_group, project, "link_role", NULL);
  add_row (self, self->link_group, _("Lag history"), _("Counting…"), NULL);
  self->lag_row = g_ptr_array_index (self->rows, self->rows->len - 1);
  self->lag_value_label = GTK_LABEL (g_object_get_data (G_OBJECT (self->lag_row), "value-label"));
  load_lag_extent (self, project->id);

  /* Plan and targets */
  add_field_row (self, self->plan_group, project, "scenario", NULL);
  add_field_row (self, self->plan_group, project, "owner", NULL);
  if (wave != NULL && wave->window_start != LB_UNSET_INT && wave->window_end != LB_UNSET_INT)
    {
      g_autofree char *start = lb_time_format_local (wave->window_start);
      g_autofree char *end = lb_time_format_local (wave->window_end);

      /* TRANSLATORS: a wave's planned window, "2026-12-01 08:00 – 2026-12-07 18:00" */
      wave_window = g_strdup_printf (_("%s – %s"), start, end);
    }
  add_row (self, self->plan_group, _("Wave"), wave != NULL ? wave->name : NULL, wave_window);
  add_field_row (self, self->plan_group, project, "lag_threshold_s", NULL);
  add_field_row (self, self->plan_group, project, "downtime_target_min", NULL);
  if (project->planned_cutover != LB_UNSET_INT)
    {
      cutover = lb_time_format_local (project->planned_cutover);
      cutover_relative = format_relative_day (project->planned_cutover);
    }
  add_row (self, self->plan_group, _("Planned cutover"), cutover, cutover_relative);

  gtk_widget_set_visible (GTK_WIDGET (self->notes_group), project->notes != NULL);
  gtk_label_set_text (self->notes_label, project->notes != NULL ? project->notes : "");

  lb_record_free (project);
  g_clear_pointer (&wave, lb_record_free);
}

static void
on_count_card_activated (LbProjectPage   *self,
                         GtkFlowBoxChild *child,
                         GtkFlowBox      *box)
{
  const char *page_name = g_object_get_data (G_OBJECT (child), "lb-page-name");
  const char *action_name = g_object_get_data (G_OBJECT (child), "lb-action-name");

  if (action_name != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action_name, NULL);

  if (page_name != NULL)
    g_signal_emit (self, signals[SHOW_PAGE], 0, page_name);
}

static gboolean
is_counted_kind (const char *entity)
{
  for (guint i = 0; i < G_N_ELEMENTS (counted_kinds); i++)
    if (g_strcmp0 (counted_kinds[i]->table, entity) == 0)
      return TRUE;
  return FALSE;
}

static void
on_store_changed (LbProjectPage *self,
                  const char    *entity,
                  gint64         id,
                  LbStore       *store)
{
  if (self->project_id == 0)
    return;
  /* New samples (every few seconds while the link is sampled) change only the lag card and
   * row: those are counted again on a worker, the rest of the page stays. */
  if (g_strcmp0 (entity, "lag_sample") == 0)
    {
      if ((id == 0 || id == self->project_id) && self->lag_count_label != NULL)
        load_lag_extent (self, self->project_id);
      return;
    }
  if ((g_strcmp0 (entity, lb_project_kind.table) == 0 && (id == 0 || id == self->project_id)) ||
      g_strcmp0 (entity, lb_wave_kind.table) == 0 ||
      g_strcmp0 (entity, "*") == 0 || is_counted_kind (entity) ||
      g_strcmp0 (entity, lb_drift_check_kind.table) == 0 || g_strcmp0 (entity, lb_design_baseline_kind.table) == 0)
    lb_project_page_refresh (self);
}

static void
update_sampling (LbProjectPage *self)
{
  const LbSamplerStatus *status = self->samplers != NULL && self->project_id != 0
                                  ? lb_samplers_get_status (self->samplers, self->project_id) : NULL;
  gboolean active = lb_sampler_status_is_active (status);
  g_autofree char *text = active ? lb_sampler_status_describe (status, lb_time_now_ms ()) : NULL;

  gtk_widget_set_visible (self->sampling_badge, active);
  gtk_widget_set_tooltip_text (self->sampling_badge, text);
  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->sampling_badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                    -1);
}

static void
on_samplers_changed (LbProjectPage *self,
                     gint64         project_id,
                     LbSamplers    *samplers)
{
  if (project_id == self->project_id)
    update_sampling (self);
}

static void
on_sampling_badge_clicked (LbProjectPage *self,
                           GtkButton     *button)
{
  g_signal_emit (self, signals[SHOW_PAGE], 0, "lag");
}

void
lb_project_page_set_samplers (LbProjectPage *self,
                              LbSamplers    *samplers)
{
  g_return_if_fail (LB_IS_PROJECT_PAGE (self));
  g_return_if_fail (samplers == NULL || LB_IS_SAMPLERS (samplers));

  if (self->samplers == samplers)
    return;
  if (self->samplers != NULL)
    g_signal_handlers_disconnect_by_func (self->samplers, on_samplers_changed, self);
  g_set_object (&self->samplers, samplers);
  if (samplers != NULL)
    g_signal_connect_object (samplers, "changed", G_CALLBACK (on_samplers_changed), self, G_CONNECT_SWAPPED);
  update_sampling (self);
}

gboolean
lb_project_page_get_sampling (LbProjectPage *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->sampling_badge);
}

static void
on_drift_add_toast (LbProjectPage *self,
                    AdwToast      *toast)
{
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

GtkWidget *
lb_project_page_new (void)
{
  return g_object_new (LB_TYPE_PROJECT_PAGE, NULL);
}

LbStore *
lb_project_page_get_store (LbProjectPage *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_PAGE (self), NULL);
  return self->store;
}

void
lb_project_page_set_store (LbProjectPage *self,
                           LbStore       *store)
{
  g_return_if_fail (LB_IS_PROJECT_PAGE (self));
  g_return_if_fail (store == NULL || LB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  lb_drift_group_set_store (self->drift_group, store);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
  self->project_id = 0;
  lb_project_page_refresh (self);
  update_sampling (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

gint64
lb_project_page_get_project_id (LbProjectPage *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_PAGE (self), 0);
  return self->project_id;
}

void
lb_project_page_set_project_id (LbProjectPage *self,
                                gint64         project_id)
{
  g_return_if_fail (LB_IS_PROJECT_PAGE (self));

  if (self->project_id == project_id)
    return;
  self->project_id = project_id;
  lb_project_page_refresh (self);
  update_sampling (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT_ID]);
}

const char *
lb_project_page_get_title (LbProjectPage *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_PAGE (self), NULL);
  return self->title;
}

gint64
lb_project_page_get_lag_sample_count (LbProjectPage *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_PAGE (self), -1);
  return self->title != NULL ? self->lag_count : -1;
}

gint64
lb_project_page_get_count (LbProjectPage      *self,
                           const LbRecordKind *kind)
{
  g_return_val_if_fail (LB_IS_PROJECT_PAGE (self), -1);

  if (self->title == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (counted_kinds); i++)
    if (counted_kinds[i] == kind)
      return self->counts[i];
  return -1;
}

static void
lb_project_page_dispose (GObject *object)
{
  LbProjectPage *self = LB_PROJECT_PAGE (object);
  GtkWidget *child;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
      g_clear_object (&self->store);
    }
  g_cancellable_cancel (self->lag_cancellable);
  g_clear_object (&self->lag_cancellable);
  if (self->samplers != NULL)
    g_signal_handlers_disconnect_by_func (self->samplers, on_samplers_changed, self);
  g_clear_object (&self->samplers);
  self->lag_count_label = NULL;
  self->lag_value_label = NULL;
  self->lag_row = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_PROJECT_PAGE);
  /* dispose_template() only unparents the children the class binds. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lb_project_page_parent_class)->dispose (object);
}

static void
lb_project_page_finalize (GObject *object)
{
  LbProjectPage *self = LB_PROJECT_PAGE (object);

  g_clear_pointer (&self->title, g_free);
  G_OBJECT_CLASS (lb_project_page_parent_class)->finalize (object);
}

static void
lb_project_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LbProjectPage *self = LB_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, lb_project_page_get_store (self));
      break;
    case PROP_PROJECT_ID:
      g_value_set_int64 (value, lb_project_page_get_project_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, lb_project_page_get_title (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_project_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LbProjectPage *self = LB_PROJECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lb_project_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_PROJECT_ID:
      lb_project_page_set_project_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_project_page_class_init (LbProjectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_project_page_dispose;
  object_class->finalize = lb_project_page_finalize;
  object_class->get_property = lb_project_page_get_property;
  object_class->set_property = lb_project_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT_ID] =
    g_param_spec_int64 ("project-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LbProjectPage::show-page:
   * @page_name: the page that lists the records of a card ("risks" …)
   *
   * A record-count card was activated.
   */
  signals[SHOW_PAGE] = g_signal_new ("show-page", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * LbProjectPage::add-toast:
   * @toast: what an action on the page (an import, a drift check) has to say
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  g_type_ensure (LB_TYPE_STATUS_BADGE);
  g_type_ensure (LB_TYPE_DRIFT_GROUP);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-project-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, status_badge);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, sampling_badge);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, link_label);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, counts_box);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, identity_group);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, link_group);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, drift_group);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, LbProjectPage, notes_label);
  gtk_widget_class_bind_template_callback (widget_class, on_count_card_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_drift_add_toast);
  gtk_widget_class_bind_template_callback (widget_class, on_sampling_badge_clicked);
}

static void
lb_project_page_init (LbProjectPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->lag_count = -1;
  for (guint i = 0; i < G_N_ELEMENTS (counted_kinds); i++)
    self->counts[i] = -1;
}
