/* lb-evidence-page.c
 *
 * Files are read and hashes computed on worker threads (GTask); the store is written on
 * the main thread only. Nothing here changes how evidence is kept: the store computes the
 * size and SHA-256 of the content when it writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-evidence-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lb-evidence-page.h"
#include "lb-kind-info.h"

typedef struct
{
  LbEvidenceCheck  check;
  char            *sha256; /* the stored hash the check was made against */
} Check;

struct _LbEvidencePage
{
  LbRecordListPage      parent_instance;

  GHashTable           *checks;  /* gint64 id → Check* */
  GtkFileChooserNative *chooser; /* while one is open */
  GCancellable         *cancellable;
  AdwToast             *verify_toast; /* weak: the last "is intact", until a newer result */
};

G_DEFINE_FINAL_TYPE (LbEvidencePage, lb_evidence_page, LB_TYPE_RECORD_LIST_PAGE)

static void
check_free (gpointer data)
{
  Check *check = data;

  g_free (check->sha256);
  g_free (check);
}

static LbEvidence *
get_evidence (LbEvidencePage *self,
              gint64          id,
              GError        **error)
{
  LbRecordListPage *page = LB_RECORD_LIST_PAGE (self);
  LbStore *store = lb_record_list_page_get_store (page);

  if (store == NULL)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED, _("No database is open"));
      return NULL;
    }
  return lb_store_get (store, &lb_evidence_kind, id, error);
}

static GtkWindow *
get_window (LbEvidencePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---- attach ----------------------------------------------------------------------------- */

typedef struct
{
  GFile  *file;
  GBytes *content;
  char   *title;
  char   *media_type;
  char   *source;
} AttachData;

static void
attach_data_free (gpointer data)
{
  AttachData *d = data;

  g_clear_object (&d->file);
  g_clear_pointer (&d->content, g_bytes_unref);
  g_free (d->title);
  g_free (d->media_type);
  g_free (d->source);
  g_free (d);
}

/* Where a file goes: the project shown when it was chosen, in that project's database. */
typedef struct
{
  LbStore *store;
  gint64   project_id;
} AttachTarget;

static void
attach_target_free (gpointer data)
{
  AttachTarget *target = data;

  g_clear_object (&target->store);
  g_free (target);
}

/* Worker thread: everything about the file, nothing about the store. */
static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachData *d = task_data;
  g_autoptr(GError) error = NULL;

  d->source = g_file_get_parse_name (d->file);
  d->content = lb_evidence_read_file (d->file, &d->title, &d->media_type, cancellable, &error);
  if (d->content == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Main thread: the file was read; write the record. */
static void
on_file_loaded (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AttachData *d = g_task_get_task_data (G_TASK (result));
  AttachTarget *target = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  LbEvidence *evidence;
  gint64 id;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  evidence = lb_kind_info_new_record (lb_kind_info_lookup (&lb_evidence_kind), NULL, target->project_id);
  evidence->kind = LB_EVIDENCE_FILE;
  g_free (evidence->title);
  evidence->title = g_strdup (d->title);
  g_free (evidence->media_type);
  evidence->media_type = g_strdup (d->media_type);
  g_free (evidence->source);
  evidence->source = g_strdup (d->source);
  evidence->content = g_bytes_ref (d->content);
  evidence->captured_at = lb_time_now_ms ();

  if (!lb_store_insert (target->store, evidence, &error))
    {
      lb_record_free (evidence);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  id = evidence->id;
  lb_record_free (evidence);
  g_task_return_int (task, id);
}

void
lb_evidence_page_attach_file_async (LbEvidencePage      *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) load = NULL;
  AttachTarget *target;
  AttachData *d;
  LbStore *store;

  g_return_if_fail (LB_IS_EVIDENCE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_evidence_page_attach_file_async);

  store = lb_record_list_page_get_store (LB_RECORD_LIST_PAGE (self));
  target = g_new0 (AttachTarget, 1);
  target->store = store != NULL ? g_object_ref (store) : NULL;
  target->project_id = lb_record_list_page_get_project_id (LB_RECORD_LIST_PAGE (self));
  g_task_set_task_data (task, target, attach_target_free);
  if (target->store == NULL || target->project_id == 0)
    {
      g_task_return_new_error (task, LB_ERROR, LB_ERROR_FAILED, _("No project is shown"));
      return;
    }

  d = g_new0 (AttachData, 1);
  d->file = g_object_ref (file);
  load = g_task_new (NULL, cancellable, on_file_loaded, g_steal_pointer (&task));
  g_task_set_task_data (load, d, attach_data_free);
  g_task_run_in_thread (load, attach_thread);
}

gint64
lb_evidence_page_attach_file_finish (LbEvidencePage *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  id = g_task_propagate_int (G_TASK (result), error);
  return id < 0 ? 0 : (gint64) id;
}

static void
on_attached (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (source);
  g_autoptr(GError) error = NULL;
  gint64 id = lb_evidence_page_attach_file_finish (self, result, &error);
  g_autofree char *message = NULL;
  LbEvidence *evidence;

  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lb_record_list_page_show_error (LB_RECORD_LIST_PAGE (self), _("Could Not Attach the File"), error->message);
      return;
    }
  evidence = get_evidence (self, id, NULL);
  if (evidence != NULL)
    {
      message = g_strdup_printf (_("“%s” added"), evidence->title);
      lb_record_list_page_toast (LB_RECORD_LIST_PAGE (self), message);
      lb_record_free (evidence);
    }
}

void
lb_evidence_page_attach_file (LbEvidencePage *self,
                              GFile          *file)
{
  g_return_if_fail (LB_IS_EVIDENCE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  lb_evidence_page_attach_file_async (self, file, self->cancellable, on_attached, NULL);
}

static void
on_attach_response (LbEvidencePage       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    lb_evidence_page_attach_file (self, file);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (widget);

  if (lb_record_list_page_get_project_id (LB_RECORD_LIST_PAGE (self)) == 0 || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Attach File"), get_window (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_attach_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- paste ------------------------------------------------------------------------------ */

gint64
lb_evidence_page_add_text (LbEvidencePage *self,
                           const char     *title,
                           const char     *text,
                           GError        **error)
{
  LbRecordListPage *page = LB_RECORD_LIST_PAGE (self);
  LbStore *store = lb_record_list_page_get_store (page);
  gint64 project_id = lb_record_list_page_get_project_id (page);
  g_autoptr(GError) local_error = NULL;
  LbEvidence *evidence;
  gint64 id = 0;

  g_return_val_if_fail (LB_IS_EVIDENCE_PAGE (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  if (store == NULL || project_id == 0)
    {
      g_set_error_literal (error, LB_ERROR, LB_ERROR_FAILED, _("No project is shown"));
      return 0;
    }

  evidence = lb_kind_info_new_record (lb_kind_info_lookup (&lb_evidence_kind), NULL, project_id);
  evidence->kind = LB_EVIDENCE_TEXT;
  evidence->captured_at = lb_time_now_ms ();
  if (lb_record_set_from_string (evidence, "title", title, &local_error) &&
      lb_record_set_from_string (evidence, "content", text, &local_error) &&
      lb_store_insert (store, evidence, &local_error))
    id = evidence->id;
  lb_record_free (evidence);
  if (id == 0)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return id;
}

typedef struct
{
  LbEvidencePage *page;
  GtkEditable    *title;
  GtkTextBuffer  *buffer;
} PasteData;

static void
paste_data_free (gpointer data)
{
  PasteData *d = data;

  g_object_unref (d->page);
  g_free (d);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_paste_response (AdwMessageDialog *dialog)
{
  PasteData *d = g_object_get_data (G_OBJECT (dialog), "lb-paste");
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (d->title)));
  g_autofree char *text = buffer_text (d->buffer);

  adw_message_dialog_set_response_enabled (dialog, "add", *title != '\0' && *g_strstrip (text) != '\0');
}

static void
on_paste_response (AdwMessageDialog *dialog,
                   const char       *response,
                   PasteData        *d)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (g_strcmp0 (response, "add") != 0)
    return;
  text = buffer_text (d->buffer);
  if (lb_evidence_page_add_text (d->page, gtk_editable_get_text (d->title), text, &error) == 0)
    {
      lb_record_list_page_show_error (LB_RECORD_LIST_PAGE (d->page), _("Could Not Add the Text"), error->message);
      return;
    }
  message = g_strdup_printf (_("“%s” added"), gtk_editable_get_text (d->title));
  lb_record_list_page_toast (LB_RECORD_LIST_PAGE (d->page), message);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (widget);
  GtkWidget *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *title = adw_entry_row_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();
  PasteData *d;

  if (lb_record_list_page_get_project_id (LB_RECORD_LIST_PAGE (self)) == 0)
    return;

  dialog = adw_message_dialog_new (get_window (self), _("Paste Text"),
                                   _("Keep text such as query output or a command's transcript as evidence, "
                                     "with the time it was captured."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (title), _("Title"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), title);

  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Text"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 200);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_add_css_class (scrolled, "paste-text");

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  d = g_new0 (PasteData, 1);
  d->page = g_object_ref (self);
  d->title = GTK_EDITABLE (title);
  d->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_object_set_data (G_OBJECT (dialog), "lb-paste", d);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_paste_response), d,
                         (GClosureNotify) (void (*) (void)) paste_data_free, 0);
  g_signal_connect_swapped (title, "changed", G_CALLBACK (update_paste_response), dialog);
  g_signal_connect_swapped (d->buffer, "changed", G_CALLBACK (update_paste_response), dialog);
  update_paste_response (ADW_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (title);
}

/* ---- verify ----------------------------------------------------------------------------- */

typedef struct
{
  gint64  id;
  GBytes *content;
  char   *expected;
} VerifyData;

static void
verify_data_free (gpointer data)
{
  VerifyData *d = data;

  g_clear_pointer (&d->content, g_bytes_unref);
  g_free (d->expected);
  g_free (d);
}

static void
verify_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  VerifyData *d = task_data;
  g_autofree char *actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, d->content);

  g_task_return_int (task, g_strcmp0 (actual, d->expected) == 0 ? LB_EVIDENCE_CHECK_INTACT
                                                                 : LB_EVIDENCE_CHECK_CHANGED);
}

static void
set_check (LbEvidencePage  *self,
           gint64           id,
           const char      *sha256,
           LbEvidenceCheck  state)
{
  Check *check = g_new0 (Check, 1);

  check->check = state;
  check->sha256 = g_strdup (sha256);
  g_hash_table_insert (self->checks, g_memdup2 (&id, sizeof id), check);
  lb_record_list_page_reload (LB_RECORD_LIST_PAGE (self));
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LbEvidencePage *self = g_task_get_source_object (task);
  VerifyData *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gssize check = g_task_propagate_int (G_TASK (result), &error);

  if (check < 0)
    {
      /* Cancelled: the page is going away; leave its widgets alone. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_hash_table_remove (self->checks, &d->id);
          lb_record_list_page_reload (LB_RECORD_LIST_PAGE (self));
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  set_check (self, d->id, d->expected, (LbEvidenceCheck) check);
  g_task_return_int (task, check);
}

void
lb_evidence_page_verify_async (LbEvidencePage      *self,
                               gint64               id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) hash = NULL;
  g_autoptr(GError) error = NULL;
  LbEvidence *evidence;
  VerifyData *d;

  g_return_if_fail (LB_IS_EVIDENCE_PAGE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_evidence_page_verify_async);

  /* Read again: the row may be older than the database. */
  evidence = get_evidence (self, id, &error);
  if (evidence == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  d = g_new0 (VerifyData, 1);
  d->id = id;
  d->content = evidence->content != NULL ? g_bytes_ref (evidence->content) : g_bytes_new (NULL, 0);
  d->expected = g_strdup (evidence->sha256);
  lb_record_free (evidence);

  set_check (self, id, d->expected, LB_EVIDENCE_CHECK_RUNNING);
  hash = g_task_new (NULL, cancellable, on_verified, g_steal_pointer (&task));
  g_task_set_task_data (hash, d, verify_data_free);
  g_task_run_in_thread (hash, verify_thread);
}

LbEvidenceCheck
lb_evidence_page_verify_finish (LbEvidencePage *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  gssize check;

  g_return_val_if_fail (g_task_is_valid (result, self), LB_EVIDENCE_CHECK_UNKNOWN);

  check = g_task_propagate_int (G_TASK (result), error);
  return check < 0 ? LB_EVIDENCE_CHECK_UNKNOWN : (LbEvidenceCheck) check;
}

static const Check *
lookup_check (LbEvidencePage   *self,
              const LbEvidence *evidence)
{
  Check *check = g_hash_table_lookup (self->checks, &evidence->id);

  /* A check made against another hash is stale: the content was saved again since. */
  if (check == NULL || g_strcmp0 (check->sha256, evidence->sha256) != 0)
    return NULL;
  return check;
}

LbEvidenceCheck
lb_evidence_page_get_check (LbEvidencePage *self,
                            gint64          id)
{
  Check *check;

  g_return_val_if_fail (LB_IS_EVIDENCE_PAGE (self), LB_EVIDENCE_CHECK_UNKNOWN);

  check = g_hash_table_lookup (self->checks, &id);
  return check != NULL ? check->check : LB_EVIDENCE_CHECK_UNKNOWN;
}

static void
on_verify_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = user_data;
  LbEvidenceCheck check = lb_evidence_page_verify_finish (self, result, &error);
  g_autofree char *message = NULL;
  g_autoptr(AdwToast) toast = NULL;
  GtkWidget *dialog;

  /* A newer result replaces what an earlier check said. */
  if (self->verify_toast != NULL && check != LB_EVIDENCE_CHECK_RUNNING)
    adw_toast_dismiss (self->verify_toast);

  switch (check)
    {
    case LB_EVIDENCE_CHECK_INTACT:
      /* TRANSLATORS: after re-hashing evidence, "“Hardened LSNs” is intact" */
      message = g_strdup_printf (_("“%s” is intact"), title);
      toast = adw_toast_new (message);
      g_set_weak_pointer (&self->verify_toast, toast);
      lb_record_list_page_add_toast (LB_RECORD_LIST_PAGE (self), toast);
      break;
    case LB_EVIDENCE_CHECK_CHANGED:
      dialog = adw_message_dialog_new (get_window (self), _("Changed Since It Was Captured"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("The content of “%s” no longer matches the SHA-256 recorded when it "
                                        "was captured. It was modified outside Linkbench; do not rely on it "
                                        "as evidence."), title);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_window_present (GTK_WINDOW (dialog));
      break;
    case LB_EVIDENCE_CHECK_UNKNOWN:
    case LB_EVIDENCE_CHECK_RUNNING:
    default:
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lb_record_list_page_show_error (LB_RECORD_LIST_PAGE (self), _("Could Not Verify"), error->message);
      break;
    }
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  LbEvidence *evidence = get_evidence (self, id, NULL);

  if (evidence == NULL)
    return;
  lb_evidence_page_verify_async (self, id, self->cancellable, on_verify_done, g_strdup (evidence->title));
  lb_record_free (evidence);
}

/* ---- export ----------------------------------------------------------------------------- */

char *
lb_evidence_suggest_file_name (const LbEvidence *evidence)
{
  static const struct { const char *media_type; const char *extension; } extensions[] = {
    { "text/plain", ".txt" }, { "application/json", ".json" }, { "text/csv", ".csv" },
    { "application/pdf", ".pdf" }, { "image/png", ".png" }, { "text/html", ".html" },
  };
  g_autofree char *name = NULL;

  g_return_val_if_fail (evidence != NULL, NULL);

  name = g_strdup (evidence->title != NULL ? evidence->title : "evidence");
  g_strdelimit (name, "/\\:", '-');
  if (strchr (name, '.') == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
      if (g_strcmp0 (evidence->media_type, extensions[i].media_type) == 0)
        return g_strconcat (name, extensions[i].extension, NULL);
  return g_steal_pointer (&name);
}

static void
on_replaced (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lb_evidence_page_export_async (LbEvidencePage      *self,
                               gint64               id,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = NULL;
  LbEvidence *evidence;

  g_return_if_fail (LB_IS_EVIDENCE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lb_evidence_page_export_async);

  evidence = get_evidence (self, id, &error);
  if (evidence == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  content = evidence->content != NULL ? g_bytes_ref (evidence->content) : g_bytes_new (NULL, 0);
  lb_record_free (evidence);
  g_file_replace_contents_bytes_async (file, content, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                       on_replaced, g_steal_pointer (&task));
}

gboolean
lb_evidence_page_export_finish (LbEvidencePage *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!lb_evidence_page_export_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lb_record_list_page_show_error (LB_RECORD_LIST_PAGE (self), _("Could Not Export"), error->message);
      return;
    }
  name = g_file_get_basename (file);
  /* TRANSLATORS: after Export…, "Exported to “az-mi-show.json”" */
  message = g_strdup_printf (_("Exported to “%s”"), name);
  lb_record_list_page_toast (LB_RECORD_LIST_PAGE (self), message);
}

static void
on_export_response (LbEvidencePage       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (chooser), "lb-evidence-id");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    lb_evidence_page_export_async (self, id, file, self->cancellable, on_exported, g_object_ref (file));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  LbEvidence *evidence;
  g_autofree char *name = NULL;

  if (self->chooser != NULL || (evidence = get_evidence (self, id, NULL)) == NULL)
    return;
  name = lb_evidence_suggest_file_name (evidence);
  lb_record_free (evidence);

  self->chooser = gtk_file_chooser_native_new (_("Export Evidence"), get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_object_set_data_full (G_OBJECT (self->chooser), "lb-evidence-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_export_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- rows ------------------------------------------------------------------------------- */

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *tooltip,
                 const char *accessible,
                 const char *action_name,
                 gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (id));
  return button;
}

static void
lb_evidence_page_decorate_row (LbRecordListPage *page,
                               GtkWidget        *row,
                               gconstpointer     record)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (page);
  const LbEvidence *evidence = record;
  const Check *check = lookup_check (self, evidence);
  g_autofree char *verify = g_strdup_printf (_("Verify “%s”"), evidence->title);
  g_autofree char *export = g_strdup_printf (_("Export “%s”"), evidence->title);

  if (check != NULL && check->check != LB_EVIDENCE_CHECK_UNKNOWN)
    {
      const char *text = check->check == LB_EVIDENCE_CHECK_INTACT ? _("Intact")
                         : check->check == LB_EVIDENCE_CHECK_CHANGED ? _("Changed")
                         : _("Verifying…");
      GtkWidget *badge = gtk_label_new (text);

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "record-badge");
      if (check->check == LB_EVIDENCE_CHECK_INTACT)
        gtk_widget_add_css_class (badge, "success");
      else if (check->check == LB_EVIDENCE_CHECK_CHANGED)
        {
          gtk_widget_add_css_class (badge, "error");
          gtk_widget_set_tooltip_text (badge, _("Changed since it was captured: the content no longer matches "
                                                "its SHA-256"));
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_icon_button ("security-high-symbolic", _("Verify"), verify, "evidence.verify",
                                              evidence->id));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_icon_button ("document-save-as-symbolic", _("Export…"), export, "evidence.export",
                                              evidence->id));
}

/* ---- GObject ---------------------------------------------------------------------------- */

GtkWidget *
lb_evidence_page_new (void)
{
  return g_object_new (LB_TYPE_EVIDENCE_PAGE, "kind", &lb_evidence_kind, NULL);
}

static void
lb_evidence_page_constructed (GObject *object)
{
  LbRecordListPage *page = LB_RECORD_LIST_PAGE (object);

  G_OBJECT_CLASS (lb_evidence_page_parent_class)->constructed (object);

  lb_record_list_page_add_button (page, "mail-attachment-symbolic", _("_Attach File…"), "evidence.attach");
  lb_record_list_page_add_button (page, "edit-paste-symbolic", _("_Paste Text…"), "evidence.paste");
}

static void
lb_evidence_page_dispose (GObject *object)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->verify_toast);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (lb_evidence_page_parent_class)->dispose (object);
}

static void
lb_evidence_page_finalize (GObject *object)
{
  LbEvidencePage *self = LB_EVIDENCE_PAGE (object);

  g_clear_pointer (&self->checks, g_hash_table_unref);
  G_OBJECT_CLASS (lb_evidence_page_parent_class)->finalize (object);
}

static void
lb_evidence_page_class_init (LbEvidencePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  LbRecordListPageClass *page_class = LB_RECORD_LIST_PAGE_CLASS (klass);

  object_class->constructed = lb_evidence_page_constructed;
  object_class->dispose = lb_evidence_page_dispose;
  object_class->finalize = lb_evidence_page_finalize;
  page_class->decorate_row = lb_evidence_page_decorate_row;

  gtk_widget_class_install_action (widget_class, "evidence.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "evidence.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "evidence.verify", "x", verify_action);
  gtk_widget_class_install_action (widget_class, "evidence.export", "x", export_action);
}

static void
lb_evidence_page_init (LbEvidencePage *self)
{
  self->checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, check_free);
  self->cancellable = g_cancellable_new ();
}
