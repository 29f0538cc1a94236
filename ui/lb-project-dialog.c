/* lb-project-dialog.c
 *
 * The record dialog on the project kind. Its groups and titles come from the kind table
 * (lb-kind-info.c); "project.save" is kept as another name of "record.save".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-project-dialog"

#include "config.h"

#include "lb-project-dialog.h"
#include "lb-settings.h"

struct _LbProjectDialog
{
  LbRecordDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (LbProjectDialog, lb_project_dialog, LB_TYPE_RECORD_DIALOG)

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lb_record_dialog_save (LB_RECORD_DIALOG (widget));
}

LbProjectDialog *
lb_project_dialog_new (GtkWindow *parent,
                       LbStore   *store,
                       gint64     project_id)
{
  LbProjectDialog *dialog;
  LbProject *template = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  /* A new project starts from the preferences' threshold and target. */
  if (project_id == 0)
    {
      template = lb_record_new (&lb_project_kind);
      lb_settings_prepare_record (template);
    }
  dialog = g_object_new (LB_TYPE_PROJECT_DIALOG,
                         "transient-for", parent,
                         "store", store,
                         "kind", &lb_project_kind,
                         "record-id", project_id,
                         "template", template,
                         NULL);
  lb_record_free (template);
  return dialog;
}

gint64
lb_project_dialog_get_project_id (LbProjectDialog *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_DIALOG (self), 0);
  return lb_record_dialog_get_record_id (LB_RECORD_DIALOG (self));
}

LbRecordForm *
lb_project_dialog_get_form (LbProjectDialog *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_DIALOG (self), NULL);
  return lb_record_dialog_get_form (LB_RECORD_DIALOG (self));
}

const char *
lb_project_dialog_get_message (LbProjectDialog *self)
{
  g_return_val_if_fail (LB_IS_PROJECT_DIALOG (self), NULL);
  return lb_record_dialog_get_message (LB_RECORD_DIALOG (self));
}

static void
lb_project_dialog_class_init (LbProjectDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "project.save", NULL, save_action);
}

static void
lb_project_dialog_init (LbProjectDialog *self)
{
}
