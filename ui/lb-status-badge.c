/* lb-status-badge.c
 *
 * The colour comes from style.css: one class per status nick ("cut-over" …). The text is
 * always present, as the pill's label or as the dot's tooltip and accessible label, so
 * the status never depends on colour alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-status-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-core.h"

#include "lb-status-badge.h"

struct _LbStatusBadge
{
  GtkWidget  parent_instance;
  GtkLabel  *label;
  char      *css_class;
  int        status;
  guint      compact : 1;
};

G_DEFINE_FINAL_TYPE (LbStatusBadge, lb_status_badge, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_STATUS, PROP_COMPACT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
lb_status_badge_update (LbStatusBadge *self)
{
  const char *label = lb_enum_info_label (&lb_project_status_enum, self->status);
  const char *nick = lb_enum_info_nick (&lb_project_status_enum, self->status);

  if (self->css_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), self->css_class);
      g_clear_pointer (&self->css_class, g_free);
    }
  if (nick != NULL)
    {
      self->css_class = g_strdelimit (g_strdup (nick), "_", '-');
      gtk_widget_add_css_class (GTK_WIDGET (self), self->css_class);
    }

  if (label == NULL)
    label = _("Unknown status");
  gtk_label_set_text (self->label, label);
  gtk_widget_set_visible (GTK_WIDGET (self->label), !self->compact);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->compact ? label : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  if (self->compact)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "pill");
      gtk_widget_add_css_class (GTK_WIDGET (self), "dot");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "dot");
      gtk_widget_add_css_class (GTK_WIDGET (self), "pill");
    }
}

GtkWidget *
lb_status_badge_new (int      status,
                     gboolean compact)
{
  return g_object_new (LB_TYPE_STATUS_BADGE, "status", status, "compact", compact, NULL);
}

int
lb_status_badge_get_status (LbStatusBadge *self)
{
  g_return_val_if_fail (LB_IS_STATUS_BADGE (self), LB_UNSET_ENUM);
  return self->status;
}

void
lb_status_badge_set_status (LbStatusBadge *self,
                            int            status)
{
  g_return_if_fail (LB_IS_STATUS_BADGE (self));

  if (self->status == status)
    return;
  self->status = status;
  lb_status_badge_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

gboolean
lb_status_badge_get_compact (LbStatusBadge *self)
{
  g_return_val_if_fail (LB_IS_STATUS_BADGE (self), FALSE);
  return self->compact;
}

void
lb_status_badge_set_compact (LbStatusBadge *self,
                             gboolean       compact)
{
  g_return_if_fail (LB_IS_STATUS_BADGE (self));

  compact = !!compact;
  if (self->compact == compact)
    return;
  self->compact = compact;
  lb_status_badge_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT]);
}

static void
lb_status_badge_dispose (GObject *object)
{
  LbStatusBadge *self = LB_STATUS_BADGE (object);

  if (self->label != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->label));
      self->label = NULL;
    }
  G_OBJECT_CLASS (lb_status_badge_parent_class)->dispose (object);
}

static void
lb_status_badge_finalize (GObject *object)
{
  LbStatusBadge *self = LB_STATUS_BADGE (object);

  g_clear_pointer (&self->css_class, g_free);
  G_OBJECT_CLASS (lb_status_badge_parent_class)->finalize (object);
}

static void
lb_status_badge_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LbStatusBadge *self = LB_STATUS_BADGE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, lb_status_badge_get_status (self));
      break;
    case PROP_COMPACT:
      g_value_set_boolean (value, lb_status_badge_get_compact (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_status_badge_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LbStatusBadge *self = LB_STATUS_BADGE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      lb_status_badge_set_status (self, g_value_get_int (value));
      break;
    case PROP_COMPACT:
      lb_status_badge_set_compact (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_status_badge_class_init (LbStatusBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_status_badge_dispose;
  object_class->finalize = lb_status_badge_finalize;
  object_class->get_property = lb_status_badge_get_property;
  object_class->set_property = lb_status_badge_set_property;

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, LB_UNSET_ENUM, G_MAXINT, LB_UNSET_ENUM,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPACT] =
    g_param_spec_boolean ("compact", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "statusbadge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lb_status_badge_init (LbStatusBadge *self)
{
  self->status = LB_UNSET_ENUM;
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  lb_status_badge_update (self);
}
