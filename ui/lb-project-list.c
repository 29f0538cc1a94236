/* lb-project-list.c
 *
 * Rows are rebuilt from the store when a project or a wave changes: a portfolio holds tens
 * of projects, so this is a few small indexed reads. Waves come in their own order
 * (position, then name) and projects by name inside each wave; projects without a wave
 * come last under "No Wave". Headers are only shown once the database has waves at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-project-list"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-project-list.h"
#include "lb-project-row.h"
#include "lb-sampler-text.h"

struct _LbProjectList
{
  GtkWidget     parent_instance;

  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkListBox     *list_box;

  LbStore      *store;
  LbSamplers   *samplers;  /* nullable: which projects are being sampled */
  char         *query;
  gint64        selected_id;
  guint         n_projects;
  guint         has_waves : 1;
  guint         reloading : 1;
};

G_DEFINE_FINAL_TYPE (LbProjectList, lb_project_list, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STORE, PROP_SELECTED_PROJECT_ID, PROP_N_PROJECTS, PROP_SEARCH_MODE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { PROJECT_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_selected_id (LbProjectList *self,
                 gint64         id)
{
  if (self->selected_id == id)
    return;
  self->selected_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_PROJECT_ID]);
}

static LbProjectRow *
find_row (LbProjectList *self,
          gint64         project_id,
          int           *index)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    {
      if (lb_project_row_get_project_id (LB_PROJECT_ROW (row)) == project_id)
        {
          if (index != NULL)
            *index = i;
          return LB_PROJECT_ROW (row);
        }
    }
  return NULL;
}

static void
remove_all_rows (LbProjectList *self)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->list_box, 0)) != NULL)
    gtk_list_box_remove (self->list_box, GTK_WIDGET (row));
}

static void
update_sampling (LbProjectList *self,
                 LbProjectRow  *row)
{
  const LbSamplerStatus *status = self->samplers != NULL
                                  ? lb_samplers_get_status (self->samplers, lb_project_row_get_project_id (row))
                                  : NULL;
  g_autofree char *text = lb_sampler_status_is_active (status) ? lb_sampler_status_describe (status, lb_time_now_ms ())
                                                               : NULL;

  lb_project_row_set_sampling (row, lb_sampler_status_is_active (status), text);
}

static void
on_samplers_changed (LbProjectList *self,
                     gint64         project_id,
                     LbSamplers    *samplers)
{
  LbProjectRow *row = find_row (self, project_id, NULL);

  if (row != NULL)
    update_sampling (self, row);
}

void
lb_project_list_set_samplers (LbProjectList *self,
                              LbSamplers    *samplers)
{
  GtkListBoxRow *row;

  g_return_if_fail (LB_IS_PROJECT_LIST (self));
  g_return_if_fail (samplers == NULL || LB_IS_SAMPLERS (samplers));

  if (self->samplers == samplers)
    return;
  if (self->samplers != NULL)
    g_signal_handlers_disconnect_by_func (self->samplers, on_samplers_changed, self);
  g_set_object (&self->samplers, samplers);
  if (samplers != NULL)
    g_signal_connect_object (samplers, "changed", G_CALLBACK (on_samplers_changed), self, G_CONNECT_SWAPPED);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    update_sampling (self, LB_PROJECT_ROW (row));
}

gboolean
lb_project_list_get_sampling (LbProjectList *self,
                              gint64         project_id)
{
  LbProjectRow *row;

  g_return_val_if_fail (LB_IS_PROJECT_LIST (self), FALSE);

  row = find_row (self, project_id, NULL);
  return row != NULL && lb_project_row_get_sampling (row);
}

static void
lb_project_list_reload (LbProjectList *self)
{
  g_autoptr(GPtrArray) waves = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(GHashTable) wave_ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 previous_id = self->selected_id;
  int previous_index = -1;
  guint n_projects = 0;
  GtkListBoxRow *row;

  find_row (self, previous_id, &previous_index);

  self->reloading = TRUE;
  remove_all_rows (self);

  if (self->store != NULL)
    {
      waves = lb_store_list (self->store, &lb_wave_kind, NULL, 0, &error);
      if (waves != NULL)
        projects = lb_store_list (self->store, &lb_project_kind, NULL, 0, &error);
      if (projects == NULL)
        g_debug ("Could not list projects: %s", error->message);
    }

  if (projects != NULL)
    {
      wave_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
      self->has_waves = waves->len > 0;

      for (guint w = 0; w < waves->len; w++)
        {
          const LbWave *wave = g_ptr_array_index (waves, w);

          g_hash_table_add (wave_ids, (gpointer) &wave->id);
          for (guint p = 0; p < projects->len; p++)
            {
              const LbProject *project = g_ptr_array_index (projects, p);

              if (project->wave_id == wave->id)
                {
                  gtk_list_box_append (self->list_box, lb_project_row_new (project, wave->name));
                  n_projects++;
                }
            }
        }
      for (guint p = 0; p < projects->len; p++)
        {
          const LbProject *project = g_ptr_array_index (projects, p);

          if (project->wave_id == 0 || !g_hash_table_contains (wave_ids, &project->wave_id))
            {
              gtk_list_box_append (self->list_box, lb_project_row_new (project, NULL));
              n_projects++;
            }
        }
    }
  gtk_list_box_invalidate_headers (self->list_box);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    update_sampling (self, LB_PROJECT_ROW (row));

  /* Keep the selection; when its project is gone, select its neighbour. */
  row = GTK_LIST_BOX_ROW (find_row (self, previous_id, NULL));
  if (row == NULL && n_projects > 0)
    {
      int index = CLAMP (previous_index, 0, (int) n_projects - 1);

      row = gtk_list_box_get_row_at_index (self->list_box, index);
    }
  gtk_list_box_select_row (self->list_box, row);
  self->reloading = FALSE;

  set_selected_id (self, row != NULL ? lb_project_row_get_project_id (LB_PROJECT_ROW (row)) : 0);
  if (self->n_projects != n_projects)
    {
      self->n_projects = n_projects;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROJECTS]);
    }
}

static void
on_store_changed (LbProjectList *self,
                  const char    *entity,
                  gint64         id,
                  LbStore       *store)
{
  /* "*": a transaction committed, anything may have changed. */
  if (g_strcmp0 (entity, lb_project_kind.table) == 0 || g_strcmp0 (entity, lb_wave_kind.table) == 0 ||
      g_strcmp0 (entity, "*") == 0)
    lb_project_list_reload (self);
}

static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  LbProjectList *self = user_data;
  LbProjectRow *project_row = LB_PROJECT_ROW (row);
  const char *wave_name;
  GtkWidget *header;

  if (!self->has_waves ||
      (before != NULL &&
       lb_project_row_get_wave_id (LB_PROJECT_ROW (before)) == lb_project_row_get_wave_id (project_row)))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  wave_name = lb_project_row_get_wave_name (project_row);
  if (wave_name == NULL)
    wave_name = _("No Wave");

  header = gtk_list_box_row_get_header (row);
  if (GTK_IS_LABEL (header))
    {
      gtk_label_set_text (GTK_LABEL (header), wave_name);
      return;
    }
  header = gtk_label_new (wave_name);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (header, "wave-header");
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL, wave_name, -1);
  gtk_list_box_row_set_header (row, header);
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  LbProjectList *self = user_data;

  return lb_project_row_matches (LB_PROJECT_ROW (row), self->query);
}

static void
on_search_changed (LbProjectList  *self,
                   GtkSearchEntry *entry)
{
  g_free (self->query);
  self->query = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_list_box_invalidate_filter (self->list_box);
  gtk_list_box_invalidate_headers (self->list_box);
}

static void
on_stop_search (LbProjectList  *self,
                GtkSearchEntry *entry)
{
  lb_project_list_set_search_mode (self, FALSE);
}

/* Enter in the search entry opens the first match. */
static void
on_search_activate (LbProjectList  *self,
                    GtkSearchEntry *entry)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    {
      if (gtk_widget_get_child_visible (GTK_WIDGET (row)) &&
          lb_project_row_matches (LB_PROJECT_ROW (row), self->query))
        {
          gtk_list_box_select_row (self->list_box, row);
          g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, lb_project_row_get_project_id (LB_PROJECT_ROW (row)));
          return;
        }
    }
}

static void
on_row_selected (LbProjectList *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list_box)
{
  if (self->reloading)
    return;
  set_selected_id (self, row != NULL ? lb_project_row_get_project_id (LB_PROJECT_ROW (row)) : 0);
}

static void
on_row_activated (LbProjectList *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  g_signal_emit (self, signals[PROJECT_ACTIVATED], 0, lb_project_row_get_project_id (LB_PROJECT_ROW (row)));
}

GtkWidget *
lb_project_list_new (void)
{
  return g_object_new (LB_TYPE_PROJECT_LIST, NULL);
}

LbStore *
lb_project_list_get_store (LbProjectList *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_LIST (self), NULL);
  return self->store;
}

void
lb_project_list_set_store (LbProjectList *self,
                           LbStore       *store)
{
  g_return_if_fail (LB_IS_PROJECT_LIST (self));
  g_return_if_fail (store == NULL || LB_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
  g_set_object (&self->store, store);
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self,
                             G_CONNECT_SWAPPED);
  self->selected_id = 0;
  lb_project_list_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gint64
lb_project_list_get_selected_project_id (LbProjectList *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_LIST (self), 0);
  return self->selected_id;
}

gboolean
lb_project_list_select_project (LbProjectList *self,
                                gint64         project_id)
{
  LbProjectRow *row;

  g_return_val_if_fail (LB_IS_PROJECT_LIST (self), FALSE);

  row = find_row (self, project_id, NULL);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (row));
  return TRUE;
}

guint
lb_project_list_get_n_projects (LbProjectList *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_LIST (self), 0);
  return self->n_projects;
}

gboolean
lb_project_list_get_search_mode (LbProjectList *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_LIST (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
lb_project_list_set_search_mode (LbProjectList *self,
                                 gboolean       search_mode)
{
  g_return_if_fail (LB_IS_PROJECT_LIST (self));

  search_mode = !!search_mode;
  if (gtk_search_bar_get_search_mode (self->search_bar) == search_mode)
    return;
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
  if (search_mode)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  else
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

GtkListBox *
lb_project_list_get_list_box (LbProjectList *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_LIST (self), NULL);
  return self->list_box;
}

static void
on_search_mode_notify (LbProjectList *self,
                       GParamSpec    *pspec,
                       GtkSearchBar  *search_bar)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
lb_project_list_dispose (GObject *object)
{
  LbProjectList *self = LB_PROJECT_LIST (object);
  GtkWidget *child;

  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
      g_clear_object (&self->store);
    }
  if (self->samplers != NULL)
    g_signal_handlers_disconnect_by_func (self->samplers, on_samplers_changed, self);
  g_clear_object (&self->samplers);
  gtk_widget_dispose_template (GTK_WIDGET (self), LB_TYPE_PROJECT_LIST);
  /* dispose_template() only unparents the children the class binds. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (lb_project_list_parent_class)->dispose (object);
}

static void
lb_project_list_finalize (GObject *object)
{
  LbProjectList *self = LB_PROJECT_LIST (object);

  g_clear_pointer (&self->query, g_free);
  G_OBJECT_CLASS (lb_project_list_parent_class)->finalize (object);
}

static void
lb_project_list_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LbProjectList *self = LB_PROJECT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, lb_project_list_get_store (self));
      break;
    case PROP_SELECTED_PROJECT_ID:
      g_value_set_int64 (value, lb_project_list_get_selected_project_id (self));
      break;
    case PROP_N_PROJECTS:
      g_value_set_uint (value, lb_project_list_get_n_projects (self));
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, lb_project_list_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_project_list_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LbProjectList *self = LB_PROJECT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lb_project_list_set_store (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      lb_project_list_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_project_list_class_init (LbProjectListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_project_list_dispose;
  object_class->finalize = lb_project_list_finalize;
  object_class->get_property = lb_project_list_get_property;
  object_class->set_property = lb_project_list_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_PROJECT_ID] =
    g_param_spec_int64 ("selected-project-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PROJECTS] =
    g_param_spec_uint ("n-projects", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LbProjectList::project-activated:
   * @project_id: the project the user opened (click, Enter, or Enter in the search entry)
   */
  signals[PROJECT_ACTIVATED] =
    g_signal_new ("project-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-project-list.ui");
  gtk_widget_class_bind_template_child (widget_class, LbProjectList, search_bar);
  gtk_widget_class_bind_template_child (widget_class, LbProjectList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LbProjectList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
lb_project_list_init (LbProjectList *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  placeholder = gtk_label_new (_("No Matching Projects"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (self->list_box, placeholder);

  /* Typing while the list has the focus starts a search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  gtk_list_box_set_header_func (self->list_box, update_header, self, NULL);
  gtk_list_box_set_filter_func (self->list_box, filter_row, self, NULL);

  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (on_search_mode_notify), self, G_CONNECT_SWAPPED);
}
