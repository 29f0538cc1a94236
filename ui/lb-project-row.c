/* lb-project-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-project-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-project-row.h"
#include "lb-search-text.h"
#include "lb-status-badge.h"

struct _LbProjectRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *subtitle_label;
  LbStatusBadge *badge;
  GtkWidget     *sampling_icon;

  gint64         project_id;
  gint64         wave_id;
  char          *wave_name;
  char          *search_text; /* casefolded name, link, owner and wave */
};

G_DEFINE_FINAL_TYPE (LbProjectRow, lb_project_row, GTK_TYPE_LIST_BOX_ROW)

char *
lb_project_format_link (const LbProject *project,
                        gboolean         short_hosts)
{
  g_autofree char *source = NULL;
  g_autofree char *server = NULL;
  const char *target;

  g_return_val_if_fail (project != NULL, NULL);

  /* "sql01.corp.example" → "sql01" where space is short. An IP address stays whole. */
  if (project->source_server != NULL)
    {
      server = g_strdup (project->source_server);
      if (short_hosts && !g_hostname_is_ip_address (server) && strchr (server, '.') != NULL)
        *strchr (server, '.') = '\0';
    }

  if (server != NULL && project->source_database != NULL)
    source = g_strdup_printf ("%s/%s", server, project->source_database);
  else if (server != NULL)
    source = g_strdup (server);
  else if (project->source_database != NULL)
    source = g_strdup (project->source_database);
  else
    /* TRANSLATORS: stands for a missing server in "source → target" */
    source = g_strdup (_("not set"));

  target = project->target_instance != NULL ? project->target_instance : _("not set");

  /* TRANSLATORS: "source server/database → target managed instance" */
  return g_strdup_printf (_("%s → %s"), source, target);
}

GtkWidget *
lb_project_row_new (const LbProject *project,
                    const char      *wave_name)
{
  LbProjectRow *self;
  g_autofree char *link = NULL;
  g_autofree char *full_link = NULL;

  g_return_val_if_fail (project != NULL, NULL);

  self = g_object_new (LB_TYPE_PROJECT_ROW, NULL);
  self->project_id = project->id;
  self->wave_id = wave_name != NULL ? project->wave_id : 0;
  self->wave_name = g_strdup (wave_name);

  link = lb_project_format_link (project, TRUE);
  full_link = lb_project_format_link (project, FALSE);
  gtk_label_set_text (self->title_label, project->name);
  gtk_label_set_text (self->subtitle_label, link);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->subtitle_label), full_link);
  lb_status_badge_set_status (self->badge, project->status);

  {
    const char *parts[] = { project->name, full_link, project->owner, wave_name };

    self->search_text = lb_search_text_new (parts, G_N_ELEMENTS (parts));
  }

  return GTK_WIDGET (self);
}

gint64
lb_project_row_get_project_id (LbProjectRow *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_ROW (self), 0);
  return self->project_id;
}

gint64
lb_project_row_get_wave_id (LbProjectRow *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_ROW (self), 0);
  return self->wave_id;
}

const char *
lb_project_row_get_wave_name (LbProjectRow *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_ROW (self), NULL);
  return self->wave_name;
}

const char *
lb_project_row_get_title (LbProjectRow *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_ROW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
lb_project_row_get_subtitle (LbProjectRow *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_ROW (self), NULL);
  return gtk_label_get_text (self->subtitle_label);
}

int
lb_project_row_get_status (LbProjectRow *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_ROW (self), LB_UNSET_ENUM);
  return lb_status_badge_get_status (self->badge);
}

void
lb_project_row_set_sampling (LbProjectRow *self,
                             gboolean      sampling,
                             const char   *status)
{
  g_return_if_fail (LB_IS_PROJECT_ROW (self));

  gtk_widget_set_visible (self->sampling_icon, sampling);
  gtk_widget_set_tooltip_text (self->sampling_icon, status != NULL ? status : _("Sampling replication lag"));
  /* The row says it too, for a screen reader going through the list. */
  if (sampling)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    _("Sampling replication lag"), -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

gboolean
lb_project_row_get_sampling (LbProjectRow *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_ROW (self), FALSE);
  return gtk_widget_get_visible (self->sampling_icon);
}

gboolean
lb_project_row_matches (LbProjectRow *self,
                        const char   *query)
{
  g_return_val_if_fail (LB_IS_PROJECT_ROW (self), FALSE);
  return lb_search_text_matches (self->search_text, query);
}

static void
lb_project_row_finalize (GObject *object)
{
  LbProjectRow *self = LB_PROJECT_ROW (object);

  g_clear_pointer (&self->wave_name, g_free);
  g_clear_pointer (&self->search_text, g_free);
  G_OBJECT_CLASS (lb_project_row_parent_class)->finalize (object);
}

static void
lb_project_row_class_init (LbProjectRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lb_project_row_finalize;

  g_type_ensure (LB_TYPE_STATUS_BADGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-project-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LbProjectRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LbProjectRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, LbProjectRow, badge);
  gtk_widget_class_bind_template_child (widget_class, LbProjectRow, sampling_icon);
}

static void
lb_project_row_init (LbProjectRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
