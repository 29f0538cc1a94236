/* lb-record-dialog.c
 *
 * Create (or Save) reads the form; any problem is shown where it belongs, and the dialog
 * stays open with nothing written. Enter in any entry is the same as Create; Escape and
 * Cancel close without writing. The rules are the store's: the form validates with
 * lb_store_validate() and the write validates again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-record-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-kind-info.h"
#include "lb-record-dialog.h"

typedef struct
{
  GtkButton          *save_button;
  GtkRevealer        *message_revealer;
  GtkLabel           *message_label;
  GtkBox             *form_box;
  LbRecordForm       *form;

  LbStore            *store;
  const LbRecordKind *kind;
  gint64              record_id;
  gpointer            template_record;
  char               *message;
  guint               broken : 1; /* the record to edit could not be read */
} LbRecordDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (LbRecordDialog, lb_record_dialog, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_STORE, PROP_KIND, PROP_RECORD_ID, PROP_TEMPLATE, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_message (LbRecordDialog *self,
             const char     *message)
{
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  g_free (priv->message);
  priv->message = g_strdup (message);
  gtk_label_set_text (priv->message_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (priv->message_revealer, message != NULL);
}

gboolean
lb_record_dialog_save (LbRecordDialog *self)
{
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  gpointer record;
  gboolean created;
  gboolean ok;
  gint64 id;

  g_return_val_if_fail (LB_IS_RECORD_DIALOG (self), FALSE);

  if (priv->broken)
    return FALSE;
  created = priv->record_id == 0;
  set_message (self, NULL);

  record = lb_record_form_read_record (priv->form, &error);
  if (record == NULL)
    {
      if (!lb_record_form_show_error (priv->form, error))
        set_message (self, error->message);
      return FALSE;
    }

  ok = created ? lb_store_insert (priv->store, record, &error)
               : lb_store_update (priv->store, record, &error);
  id = LB_RECORD_ID (record);
  lb_record_free (record);
  if (!ok)
    {
      /* A rule below validation, or another program writing meanwhile. */
      if (!lb_record_form_show_error (priv->form, error))
        set_message (self, error->message);
      lb_record_form_focus (priv->form);
      return FALSE;
    }

  priv->record_id = id;
  g_signal_emit (self, signals[SAVED], 0, id, created);
  gtk_window_destroy (GTK_WINDOW (self));
  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lb_record_dialog_save (LB_RECORD_DIALOG (widget));
}

static void
on_form_activate (LbRecordDialog *self,
                  LbRecordForm   *form)
{
  lb_record_dialog_save (self);
}

/* Tall enough for the form without a scrollbar where it fits, at most 720 px. */
static int
estimate_height (const LbRecordKind *kind)
{
  int height = 47 + 48; /* header bar and the form's margins */
  int groups = 1;

  for (int i = 0; i < kind->n_fields; i++)
    {
      const LbFieldInfo *field = &kind->fields[i];

      if (field->flags & (LB_FIELD_COMPUTED | LB_FIELD_PARENT) || field->type == LB_FIELD_BLOB)
        continue;
      height += (field->flags & LB_FIELD_MULTILINE) ? 120 : 58;
    }
  if (lb_kind_info_lookup (kind) != NULL)
    groups = MAX (1, (int) lb_kind_info_lookup (kind)->n_form_groups);
  height += groups * 60;
  return CLAMP (height, 294, 720);
}

static void
on_form_changed (LbRecordForm *form,
                 gpointer      user_data)
{
  const LbKindInfo *info = user_data;

  info->form_hints (form);
}

static void
lb_record_dialog_constructed (GObject *object)
{
  LbRecordDialog *self = LB_RECORD_DIALOG (object);
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);
  const LbKindInfo *info;

  G_OBJECT_CLASS (lb_record_dialog_parent_class)->constructed (object);

  g_return_if_fail (priv->kind != NULL);
  info = lb_kind_info_lookup (priv->kind);

  priv->form = LB_RECORD_FORM (lb_record_form_new (priv->store, priv->kind,
                                                   info != NULL ? info->form_groups : NULL,
                                                   info != NULL ? info->n_form_groups : 0));
  gtk_box_append (priv->form_box, GTK_WIDGET (priv->form));
  g_signal_connect_object (priv->form, "activate", G_CALLBACK (on_form_activate), self, G_CONNECT_SWAPPED);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, estimate_height (priv->kind));

  if (priv->record_id == 0)
    {
      gtk_window_set_title (GTK_WINDOW (self), info != NULL ? _(info->new_title) : _(priv->kind->label));
      gtk_button_set_label (priv->save_button, _("C_reate"));
      if (priv->template_record != NULL)
        lb_record_form_set_record (priv->form, priv->template_record);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      gpointer record = lb_store_get (priv->store, priv->kind, priv->record_id, &error);

      gtk_window_set_title (GTK_WINDOW (self), info != NULL ? _(info->edit_title) : _(priv->kind->label));
      gtk_button_set_label (priv->save_button, _("_Save"));
      if (record != NULL)
        {
          lb_record_form_set_record (priv->form, record);
          lb_record_free (record);
        }
      else
        {
          set_message (self, error->message);
          priv->broken = TRUE;
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.save", FALSE);
        }
    }

  if (info != NULL && info->form_hints != NULL)
    {
      info->form_hints (priv->form);
      g_signal_connect (priv->form, "changed", G_CALLBACK (on_form_changed), (gpointer) info);
    }
}

static void
lb_record_dialog_map (GtkWidget *widget)
{
  LbRecordDialog *self = LB_RECORD_DIALOG (widget);
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  GTK_WIDGET_CLASS (lb_record_dialog_parent_class)->map (widget);
  lb_record_form_focus (priv->form);
}

LbRecordDialog *
lb_record_dialog_new (GtkWindow          *parent,
                      LbStore            *store,
                      const LbRecordKind *kind,
                      gint64              record_id,
                      gconstpointer       template_record)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (template_record == NULL || lb_record_get_kind (template_record) == kind, NULL);

  return g_object_new (LB_TYPE_RECORD_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "kind", kind,
                       "record-id", record_id,
                       "template", template_record,
                       NULL);
}

const LbRecordKind *
lb_record_dialog_get_kind (LbRecordDialog *self)
{
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_DIALOG (self), NULL);
  return priv->kind;
}

gint64
lb_record_dialog_get_record_id (LbRecordDialog *self)
{
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_DIALOG (self), 0);
  return priv->record_id;
}

LbRecordForm *
lb_record_dialog_get_form (LbRecordDialog *self)
{
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_DIALOG (self), NULL);
  return priv->form;
}

const char *
lb_record_dialog_get_message (LbRecordDialog *self)
{
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  g_return_val_if_fail (LB_IS_RECORD_DIALOG (self), NULL);
  return priv->message;
}

static void
lb_record_dialog_dispose (GObject *object)
{
  LbRecordDialog *self = LB_RECORD_DIALOG (object);
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  g_clear_object (&priv->store);
  G_OBJECT_CLASS (lb_record_dialog_parent_class)->dispose (object);
}

static void
lb_record_dialog_finalize (GObject *object)
{
  LbRecordDialog *self = LB_RECORD_DIALOG (object);
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  g_clear_pointer (&priv->message, g_free);
  g_clear_pointer (&priv->template_record, lb_record_free);
  G_OBJECT_CLASS (lb_record_dialog_parent_class)->finalize (object);
}

static void
lb_record_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LbRecordDialog *self = LB_RECORD_DIALOG (object);
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_KIND:
      g_value_set_pointer (value, (gpointer) priv->kind);
      break;
    case PROP_RECORD_ID:
      g_value_set_int64 (value, priv->record_id);
      break;
    case PROP_TEMPLATE:
      g_value_set_pointer (value, priv->template_record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_record_dialog_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LbRecordDialog *self = LB_RECORD_DIALOG (object);
  LbRecordDialogPrivate *priv = lb_record_dialog_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    case PROP_KIND:
      priv->kind = g_value_get_pointer (value);
      break;
    case PROP_RECORD_ID:
      priv->record_id = g_value_get_int64 (value);
      break;
    case PROP_TEMPLATE:
      if (g_value_get_pointer (value) != NULL)
        priv->template_record = lb_record_copy (g_value_get_pointer (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lb_record_dialog_class_init (LbRecordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lb_record_dialog_constructed;
  object_class->dispose = lb_record_dialog_dispose;
  object_class->finalize = lb_record_dialog_finalize;
  object_class->get_property = lb_record_dialog_get_property;
  object_class->set_property = lb_record_dialog_set_property;
  widget_class->map = lb_record_dialog_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LB_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* An LbRecordKind (static data). */
  properties[PROP_KIND] =
    g_param_spec_pointer ("kind", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_ID] =
    g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A record of the kind, copied; the starting point of a new record. */
  properties[PROP_TEMPLATE] =
    g_param_spec_pointer ("template", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LbRecordDialog::saved:
   * @record_id: the record written
   * @created: TRUE for a new record
   *
   * Emitted after the record was written, just before the dialog closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/lb-record-dialog.ui");
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordDialog, save_button);
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordDialog, message_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordDialog, message_label);
  gtk_widget_class_bind_template_child_private (widget_class, LbRecordDialog, form_box);

  gtk_widget_class_install_action (widget_class, "record.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "record.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "record.save", NULL);
}

static void
lb_record_dialog_init (LbRecordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
