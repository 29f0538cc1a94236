/* lb-project-dialog.c
 *
 * Create (or Save) reads the form; any problem is shown where it belongs, and the dialog
 * stays open with nothing written. Enter in any entry is the same as Create; Escape and
 * Cancel close without writing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-project-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-project-dialog.h"

static const char *const general_fields[] = { "name", "scenario", "status", "wave_id", "owner", NULL };
static const char *const source_fields[] = {
  "source_server", "source_instance", "source_port", "source_database", "source_version", NULL
};
static const char *const target_fields[] = {
  "target_instance", "target_fqdn", "target_region", "target_resource_group", "target_subscription",
  "target_tier", "target_hardware", "target_vcores", "target_storage_gb", NULL
};
static const char *const link_fields[] = {
  "link_name", "source_ag", "target_ag", "replication_mode", "failover_mode", "link_role", NULL
};
static const char *const plan_fields[] = {
  "lag_threshold_s", "downtime_target_min", "planned_cutover", NULL
};
static const char *const notes_fields[] = { "notes", NULL };

static const LbRecordFormGroup project_groups[] = {
  { N_("General"), NULL, general_fields },
  { N_("Source"), N_("The SQL Server database and its instance"), source_fields },
  { N_("Target"), N_("The Azure SQL Managed Instance the database is linked to"), target_fields },
  { N_("Link"), N_("The distributed availability group between the two"), link_fields },
  { N_("Targets"), N_("What the cutover must meet"), plan_fields },
  { NULL, NULL, notes_fields },
};

struct _LbProjectDialog
{
  AdwWindow     parent_instance;

  GtkButton    *save_button;
  GtkRevealer  *message_revealer;
  GtkLabel     *message_label;
  GtkBox       *form_box;
  LbRecordForm *form;

  LbStore      *store;
  gint64        project_id;
  char         *message;
};

G_DEFINE_FINAL_TYPE (LbProjectDialog, lb_project_dialog, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_STORE, PROP_PROJECT_ID, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_message (LbProjectDialog *self,
             const char      *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->message_revealer, message != NULL);
}

static void
lb_project_dialog_save (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LbProjectDialog *self = LB_PROJECT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  LbProject *project;
  gboolean created = self->project_id == 0;
  gboolean ok;
  gint64 id;

  set_message (self, NULL);

  project = lb_record_form_read_record (self->form, &error);
  if (project == NULL)
    {
      if (!lb_record_form_show_error (self->form, error))
        set_message (self, error->message);
      return;
    }

  ok = created ? lb_store_insert (self->store, project, &error)
               : lb_store_update (self->store, project, &error);
  id = project->id;
  lb_record_free (project);
  if (!ok)
    {
      /* A rule below validation, or another program writing meanwhile. */
      if (!lb_record_form_show_error (self->form, error))
        set_message (self, error->message);
      lb_record_form_focus (self->form);
      return;
    }

  self->project_id = id;
  g_signal_emit (self, signals[SAVED], 0, id, created);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_form_activate (LbProjectDialog *self,
                  LbRecordForm    *form)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "project.save", NULL);
}

static void
lb_project_dialog_constructed (GObject *object)
{
  LbProjectDialog *self = LB_PROJECT_DIALOG (object);

  G_OBJECT_CLASS (lb_project_dialog_parent_class)->constructed (object);

  self->form = LB_RECORD_FORM (lb_record_form_new (self->store, &lb_project_kind,
                                                   project_groups, G_N_ELEMENTS (project_groups)));
  gtk_box_append (self->form_box, GTK_WIDGET (self->form));
  g_signal_connect_object (self->form, "activate", G_CALLBACK (on_form_activate), self, G_CONNECT_SWAPPED);

  if (self->project_id == 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("New Project"));
      gtk_button_set_label (self->save_button, _("C_reate"));
    }
  else
    {
      g_autoptr(GError) error = NULL;
      LbProject *project = lb_store_get (self->store, &lb_project_kind, self->project_id, &error);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Project"));
      gtk_button_set_label (self->save_button, _("_Save"));
      if (project != NULL)
        {
          lb_record_form_set_record (self->form, project);
          lb_record_free (project);
        }
      else
        {
          set_message (self, error->message);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "project.save", FALSE);
        }
    }
}

static void
lb_project_dialog_map (GtkWidget *widget)
{
  LbProjectDialog *self = LB_PROJECT_DIALOG (widget);

  GTK_WIDGET_CLASS (lb_project_dialog_parent_class)->map (widget);
  lb_record_form_focus (self->form);
}

LbProjectDialog *
lb_project_dialog_new (GtkWindow *parent,
                       LbStore   *store,
                       gint64     project_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  return g_object_new (LB_TYPE_PROJECT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "project-id", project_id,
                       NULL);
}

gint64
lb_project_dialog_get_project_id (LbProjectDialog *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_DIALOG (self), 0);
  return self->project_id;
}

LbRecordForm *
lb_project_dialog_get_form (LbProjectDialog *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_DIALOG (self), NULL);
  return self->form;
}

const char *
lb_project_dialog_get_message (LbProjectDialog *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_DIALOG (self), NULL);
  return self->message;
}

static void
lb_project_dialog_dispose (GObject *object)
{
  LbProjectDialog *self = LB_PROJECT_DIALOG (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_project_dialog_parent_class)->dispose (object);
}

static void
lb_project_dialog_finalize (GObject *object)
{
  LbProjectDialog *self = LB_PROJECT_DIALOG (object);

  g_clear_pointer (&self->message, g_free);
  G_OBJECT_CLASS (lb_project_dialog_parent_class)->finalize (object);
}

static void
lb_project_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LbProjectDialog *self = LB_PROJECT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_PROJECT_ID:
      g_value_set_int64 (value, self->project_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_project_dialog_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LbProjectDialog *self = LB_PROJECT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_PROJECT_ID:
      self->project_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_project_dialog_class_init (LbProjectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lb_project_dialog_constructed;
  object_class->dispose = lb_project_dialog_dispose;
  object_class->finalize = lb_project_dialog_finalize;
  object_class->get_property = lb_project_dialog_get_property;
  object_class->set_property = lb_project_dialog_set_property;
  widget_class->map = lb_project_dialog_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROJECT_ID] =
    g_param_spec_int64 ("project-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LbProjectDialog::saved:
   * @project_id: the project written
   * @created: TRUE for a new project
   *
   * Emitted after the project was written, just before the dialog closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-project-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LbProjectDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, LbProjectDialog, message_revealer);
  gtk_widget_class_bind_template_child (widget_class, LbProjectDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, LbProjectDialog, form_box);

  gtk_widget_class_install_action (widget_class, "project.save", NULL, lb_project_dialog_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "project.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "project.save", NULL);
}

static void
lb_project_dialog_init (LbProjectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
