/* lb-drift-group.c
 *
 * Reading the latest check is two indexed reads and one small JSON parse, done on the main
 * thread; a check reads evidence content (up to 16 MiB per document) and imports read
 * files, so both run on workers and only their writes come back here, through the
 * window's store, so every page sees them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-drift-group"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-drift-group.h"
#include "lb-settings.h"

struct _LbDriftGroup
{
  AdwPreferencesGroup   parent_instance;

  LbStore              *store;
  gint64                project_id;
  GPtrArray            *rows;    /* shown, removed on refresh */
  GtkWidget            *import_button;
  GtkWidget            *refresh_button;
  GtkWidget            *check_button;
  GtkWidget            *spinner;
  GCancellable         *cancellable; /* while a check or an import runs */
  GtkFileChooserNative *chooser;
  const char           *state;
  const char           *error_title; /* "Nothing Imported", "Could Not Check" */
  char                 *error;
};

G_DEFINE_FINAL_TYPE (LbDriftGroup, lb_drift_group, ADW_TYPE_PREFERENCES_GROUP)

enum { SIGNAL_ADD_TOAST, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
toast (LbDriftGroup *self,
       const char   *title)
{
  AdwToast *t = adw_toast_new (title);

  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, t);
  g_object_unref (t);
}

static void
set_error (LbDriftGroup *self,
           const char   *title,
           const char   *message)
{
  self->error_title = title;
  g_free (self->error);
  self->error = g_strdup (message);
}

static void
clear_rows (LbDriftGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (LbDriftGroup *self,
         const char   *title,
         const char   *subtitle,
         const char   *tag,
         const char   *tag_class)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (tag != NULL)
    {
      GtkWidget *label = gtk_label_new (tag);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, tag_class);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static const char *
severity_class (LbDriftSeverity severity)
{
  return severity == LB_DRIFT_CRITICAL ? "error" : severity == LB_DRIFT_WARNING ? "warning" : "dim-label";
}

static void
show_result (LbDriftGroup        *self,
             const LbDriftCheck  *check,
             const LbDriftResult *result)
{
  g_autofree char *when = lb_time_format_local (check->checked_at);
  g_autofree char *description = NULL;

  if (result->differences->len > 0)
    /* The rows say what differs; the summary would say it again. TRANSLATORS: "Checked
     * 2026-11-30 14:00: 3 differences from the approved design, 1 of them critical." */
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Checked %s: %u difference from the approved design, %u of them "
                                                "critical.",
                                                "Checked %s: %u differences from the approved design, %u of them "
                                                "critical.",
                                                result->differences->len),
                                   when, result->differences->len, result->n_critical);
  else
    /* TRANSLATORS: "Checked 2026-11-30 14:00. No drift: …" */
    description = g_strdup_printf (_("Checked %s. %s"), when, check->summary);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), description);
  for (guint i = 0; i < result->differences->len; i++)
    {
      const LbDriftDifference *d = result->differences->pdata[i];
      /* TRANSLATORS: a drift row's subtitle, "Approved Manual · found None" */
      g_autofree char *values = g_strdup_printf (_("Approved %s · found %s"), d->approved,
                                                 d->found != NULL ? d->found : _("none"));

      add_row (self, d->label, values, _(lb_enum_info_label (&lb_drift_severity_enum, d->severity)),
               severity_class (d->severity));
    }
  for (guint i = 0; i < result->unchecked->len; i++)
    add_row (self, _("Not checked"), result->unchecked->pdata[i], NULL, NULL);
}

static void
update_sensitivity (LbDriftGroup *self)
{
  gboolean busy = self->cancellable != NULL;
  gboolean has_project = self->store != NULL && self->project_id != 0;

  gtk_widget_set_sensitive (self->import_button, has_project && !busy);
  gtk_widget_set_sensitive (self->refresh_button, has_project && !busy);
  gtk_widget_set_sensitive (self->check_button,
                            has_project && !busy && g_strcmp0 (self->state, "no-design") != 0);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

void
lb_drift_group_refresh (LbDriftGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LbDriftResult) result = NULL;
  LbDriftCheck *check = NULL;
  gint64 n_designs;

  g_return_if_fail (LB_IS_DRIFT_GROUP (self));

  clear_rows (self);
  /* What went wrong last stays in view until the next action succeeds. */
  if (self->error != NULL)
    {
      add_row (self, self->error_title, self->error, NULL, NULL);
      gtk_widget_add_css_class (self->rows->pdata[self->rows->len - 1], "error");
    }
  if (self->store == NULL || self->project_id == 0)
    {
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), NULL);
      update_sensitivity (self);
      return;
    }
  if (self->cancellable == NULL)
    self->state = "unchecked";
  n_designs = lb_store_count (self->store, &lb_design_baseline_kind, "project_id", self->project_id, &error);
  if (n_designs == 0)
    {
      self->state = "no-design";
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                             _("No approved design is recorded, so there is nothing to compare the "
                                               "link with. Import Azure’s state now; record the design to check it."));
    }
  else if (n_designs > 0 && (check = lb_drift_check_latest (self->store, self->project_id, &error)) != NULL &&
           (result = lb_drift_result_from_json (check->result_json, &error)) != NULL)
    {
      if (self->cancellable == NULL)
        self->state = lb_enum_info_nick (&lb_drift_outcome_enum, check->outcome);
      show_result (self, check, result);
    }
  else if (error != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), error->message);
  else
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                           _("Not checked against the approved design yet. Import the output of "
                                             "az sql mi link show and az sql mi show, then check."));
  if (check != NULL)
    lb_record_free (check);
  update_sensitivity (self);
}

/* ---- check ------------------------------------------------------------------------------- */

static void
finish_busy (LbDriftGroup *self)
{
  g_clear_object (&self->cancellable);
  self->state = "unchecked";
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LbDriftGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  LbDriftCheck *check = lb_drift_check_compute_finish (result, &error);
  gboolean cancelled = g_cancellable_is_cancelled (self->cancellable);

  finish_busy (self);
  if (check != NULL && !cancelled && self->store != NULL && check->project_id == self->project_id &&
      lb_store_insert (self->store, check, &error))
    {
      set_error (self, NULL, NULL);
      toast (self, check->summary);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_error (self, _("Could Not Check"), error->message);
      toast (self, _("Could not check for drift"));
    }
  if (check != NULL)
    lb_record_free (check);
  lb_drift_group_refresh (self);
}

void
lb_drift_group_check (LbDriftGroup *self)
{
  g_return_if_fail (LB_IS_DRIFT_GROUP (self));

  if (self->store == NULL || self->project_id == 0 || self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  self->state = "busy";
  update_sensitivity (self);
  lb_drift_check_compute_async (lb_store_get_path (self->store), self->project_id, lb_time_now_ms (),
                                self->cancellable, on_checked, g_object_ref (self));
}

/* ---- refresh from Azure ------------------------------------------------------------------ */

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LbDriftGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbArmSyncResult) synced = lb_arm_sync_project_finish (result, &error);
  gboolean cancelled = g_cancellable_is_cancelled (self->cancellable);

  finish_busy (self);
  if (synced != NULL && !cancelled && self->store != NULL)
    {
      g_autofree char *message = NULL;

      set_error (self, NULL, NULL);
      /* The worker's own store wrote: every page of this one should see it. */
      lb_store_notify_changed (self->store, lb_evidence_kind.table, 0);
      if (synced->drift_outcome >= 0)
        lb_store_notify_changed (self->store, lb_drift_check_kind.table, synced->drift_check_id);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Read %u document from Azure",
                                              "Read %u documents from Azure", synced->evidence_ids->len),
                                 synced->evidence_ids->len);
      toast (self, message);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_error (self, _("Could Not Read Azure"), error->message);
      toast (self, _("Could not read the state from Azure"));
    }
  lb_drift_group_refresh (self);
}

void
lb_drift_group_refresh_from_azure (LbDriftGroup *self)
{
  g_autoptr(GSettings) settings = lb_settings_new ();
  g_autoptr(LbHttpClient) client = NULL;
  g_autofree char *base = NULL;

  g_return_if_fail (LB_IS_DRIFT_GROUP (self));

  if (self->store == NULL || self->project_id == 0 || self->cancellable != NULL)
    return;
  base = settings != NULL ? g_settings_get_string (settings, "arm-base-url") : NULL;
  client = lb_http_client_new ();
  self->cancellable = g_cancellable_new ();
  self->state = "busy";
  update_sensitivity (self);
  /* The token comes from the Azure CLI on the worker: az may take a second or two. */
  lb_arm_sync_project_async (lb_store_get_path (self->store), self->project_id, client,
                             base != NULL && *base != '\0' ? base : NULL, NULL, lb_time_now_ms (), self->cancellable,
                             on_refreshed, g_object_ref (self));
}

/* ---- import ------------------------------------------------------------------------------ */

static void
on_files_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LbDriftGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) prepared = lb_azure_import_read_finish (result, &error);
  gboolean cancelled = g_cancellable_is_cancelled (self->cancellable);

  finish_busy (self);
  if (prepared != NULL && !cancelled && self->store != NULL && lb_azure_import_store (self->store, prepared, &error))
    {
      g_autofree char *message = NULL;

      set_error (self, NULL, NULL);
      if (prepared->len == 1)
        /* TRANSLATORS: a toast, "Imported “az sql mi link show (link.json)”" */
        message = g_strdup_printf (_("Imported “%s”"), ((LbEvidence *) prepared->pdata[0])->title);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u document", "Imported %u documents",
                                                prepared->len),
                                   prepared->len);
      toast (self, message);
    }
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      set_error (self, _("Nothing Imported"), error->message);
      toast (self, _("Nothing imported: a file is not Azure’s state"));
    }
  lb_drift_group_refresh (self);
}

void
lb_drift_group_import_files (LbDriftGroup *self,
                             GPtrArray    *files)
{
  g_return_if_fail (LB_IS_DRIFT_GROUP (self));
  g_return_if_fail (files != NULL);

  if (self->store == NULL || self->project_id == 0 || self->cancellable != NULL || files->len == 0)
    return;
  self->cancellable = g_cancellable_new ();
  self->state = "busy";
  update_sensitivity (self);
  lb_azure_import_read_async (self->project_id, files, self->cancellable, on_files_read, g_object_ref (self));
}

static void
on_chooser_response (LbDriftGroup         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GListModel) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  for (guint i = 0; chosen != NULL && i < g_list_model_get_n_items (chosen); i++)
    g_ptr_array_add (files, g_list_model_get_item (chosen, i));
  g_clear_object (&self->chooser);
  lb_drift_group_import_files (self, files);
}

static void
on_import_clicked (LbDriftGroup *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Import Azure State"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (json, _("JSON from az or ARM"));
  gtk_file_filter_add_mime_type (json, "application/json");
  gtk_file_filter_add_suffix (json, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), json);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LbDriftGroup  *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || self->cancellable != NULL || self->project_id == 0)
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  lb_drift_group_import_files (self, files);
  return files->len > 0;
}

/* ---- object ------------------------------------------------------------------------------ */

GtkWidget *
lb_drift_group_new (void)
{
  return g_object_new (LB_TYPE_DRIFT_GROUP, NULL);
}

void
lb_drift_group_set_store (LbDriftGroup *self,
                          LbStore      *store)
{
  g_return_if_fail (LB_IS_DRIFT_GROUP (self));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->store, store);
  self->project_id = 0;
  lb_drift_group_refresh (self);
}

void
lb_drift_group_set_project_id (LbDriftGroup *self,
                               gint64        project_id)
{
  g_return_if_fail (LB_IS_DRIFT_GROUP (self));

  if (project_id != self->project_id)
    {
      /* A check of the previous project must not land on this one. */
      g_cancellable_cancel (self->cancellable);
      set_error (self, NULL, NULL);
    }
  self->project_id = project_id;
  lb_drift_group_refresh (self);
}

const char *
lb_drift_group_get_state (LbDriftGroup *self)
{
  g_return_val_if_fail (LB_IS_DRIFT_GROUP (self), NULL);

  return self->state;
}

guint
lb_drift_group_get_n_rows (LbDriftGroup *self)
{
  g_return_val_if_fail (LB_IS_DRIFT_GROUP (self), 0);

  return self->rows->len;
}

const char *
lb_drift_group_get_error (LbDriftGroup *self)
{
  g_return_val_if_fail (LB_IS_DRIFT_GROUP (self), NULL);

  return self->error;
}

static void
lb_drift_group_dispose (GObject *object)
{
  LbDriftGroup *self = LB_DRIFT_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lb_drift_group_parent_class)->dispose (object);
}

static void
lb_drift_group_finalize (GObject *object)
{
  LbDriftGroup *self = LB_DRIFT_GROUP (object);

  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->rows);
  g_free (self->error);
  G_OBJECT_CLASS (lb_drift_group_parent_class)->finalize (object);
}

static void
lb_drift_group_class_init (LbDriftGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lb_drift_group_dispose;
  object_class->finalize = lb_drift_group_finalize;

  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                            NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
}

static void
lb_drift_group_init (LbDriftGroup *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->rows = g_ptr_array_new ();
  self->state = "unchecked";
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Design Drift"));

  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_box_append (GTK_BOX (box), self->spinner);
  self->import_button = gtk_button_new_with_mnemonic (_("_Import Azure State…"));
  gtk_widget_set_tooltip_text (self->import_button,
                               _("Keep the JSON of az sql mi link show, az sql mi show or an ARM GET as evidence; you "
                                 "can also drop the files here"));
  g_signal_connect_swapped (self->import_button, "clicked", G_CALLBACK (on_import_clicked), self);
  gtk_box_append (GTK_BOX (box), self->import_button);
  self->refresh_button = gtk_button_new_with_mnemonic (_("_Refresh from Azure"));
  gtk_widget_set_tooltip_text (self->refresh_button,
                               _("Read the managed instance, its links and databases from Azure Resource Manager "
                                 "with the Azure CLI’s sign-in, keep them as evidence and check for drift"));
  g_signal_connect_swapped (self->refresh_button, "clicked", G_CALLBACK (lb_drift_group_refresh_from_azure), self);
  gtk_box_append (GTK_BOX (box), self->refresh_button);
  self->check_button = gtk_button_new_with_mnemonic (_("_Check Now"));
  g_signal_connect_swapped (self->check_button, "clicked", G_CALLBACK (lb_drift_group_check), self);
  gtk_box_append (GTK_BOX (box), self->check_button);
  gtk_widget_set_valign (box, GTK_ALIGN_END);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), box);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  update_sensitivity (self);
}
