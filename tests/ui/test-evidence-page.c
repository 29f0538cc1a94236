/* test-evidence-page.c: the evidence locker — attach a file (the page's load function, not
 * the native chooser), the 50 MiB limit, paste text, verify (also after tampering with
 * the blob behind Linkbench's back) and export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-evidence-page"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "lb-evidence-page.h"
#include "lb-window.h"

#include "ui-test-common.h"

typedef struct
{
  char           *dir;
  char           *path;
  LbWindow       *window;
  LbStore        *store;
  LbEvidencePage *page;
  gint64          erp_id;
  GPtrArray      *toasts;
  GAsyncResult   *result;
} Fixture;

static void
on_add_toast (Fixture  *f,
              AdwToast *toast)
{
  g_ptr_array_add (f->toasts, g_strdup (adw_toast_get_title (toast)));
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = ui_test_make_dir ("evidence");
  f->path = g_build_filename (f->dir, "portfolio.db", NULL);
  {
    g_autoptr(LbStore) store = lb_store_open (f->path, &error);

    g_assert_no_error (error);
    ui_test_fill_portfolio (store);
  }
  f->window = lb_window_new (ui_test_get_application (), f->path);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  ui_test_show_window (GTK_WINDOW (f->window));
  f->store = lb_window_get_store (f->window);
  f->erp_id = ui_test_project_id (f->store, "ERP Plant 1");
  f->page = LB_EVIDENCE_PAGE (lb_window_get_page (f->window, "evidence"));
  g_assert_true (LB_IS_EVIDENCE_PAGE (f->page));
  lb_window_show_page (f->window, "evidence");
  f->toasts = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (f->page, "add-toast", G_CALLBACK (on_add_toast), f);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  GtkWindow *dialog;

  while ((dialog = ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (dialog);
  g_clear_object (&f->result);
  ui_test_destroy_window (GTK_WINDOW (f->window));
  g_ptr_array_unref (f->toasts);
  g_free (f->path);
  g_free (f->dir);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Fixture *) data)->result != NULL;
}

static GAsyncResult *
wait_result (Fixture *f)
{
  ui_test_wait_until (has_result, f, 10000, "the operation to finish");
  return f->result;
}

static gint64
attach (Fixture    *f,
        const char *path,
        GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 id;

  lb_evidence_page_attach_file_async (f->page, file, NULL, store_result, f);
  id = lb_evidence_page_attach_file_finish (f->page, wait_result (f), error);
  g_clear_object (&f->result);
  return id;
}

static LbEvidenceCheck
verify (Fixture *f,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  LbEvidenceCheck check;

  lb_evidence_page_verify_async (f->page, id, NULL, store_result, f);
  check = lb_evidence_page_verify_finish (f->page, wait_result (f), &error);
  g_assert_no_error (error);
  g_clear_object (&f->result);
  return check;
}

static gint64
count_evidence (Fixture *f)
{
  return lb_store_count (f->store, &lb_evidence_kind, NULL, 0, NULL);
}

static const char *
label_with_class (GtkWidget  *widget,
                  const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = label_with_class (child, css_class);

      if (text != NULL)
        return text;
    }
  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
row_for (Fixture *f,
         gint64   id)
{
  return lb_record_list_page_get_row (LB_RECORD_LIST_PAGE (f->page), &lb_evidence_kind, id);
}

/* 300 bytes with every byte value, NULs included: not text, and easy to garble. */
static GBytes *
binary_content (void)
{
  guint8 data[300];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) ((i * 7) % 256);
  return g_bytes_new (data, sizeof data);
}

static char *
write_file (Fixture    *f,
            const char *name,
            GBytes     *content)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, g_bytes_get_data (content, NULL), (gssize) g_bytes_get_size (content), &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
no_message_dialog (gpointer data)
{
  return ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) == NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  return ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* ---- attach --------------------------------------------------------------------------------- */

static void
test_attach_file (Fixture      *f,
                  gconstpointer data)
{
  static const char json[] = "{ \"name\": \"mi-erp-weu\", \"properties\": { \"vCores\": 16 } }\n";
  g_autoptr(GBytes) content = g_bytes_new_static (json, strlen (json));
  g_autofree char *path = write_file (f, "az-mi-show.json", content);
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  g_autoptr(GError) error = NULL;
  gint64 before = count_evidence (f);
  LbEvidence *evidence;
  GtkWidget *row;
  gint64 id;

  id = attach (f, path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (count_evidence (f), ==, before + 1);

  evidence = lb_store_get (f->store, &lb_evidence_kind, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (evidence->project_id, ==, f->erp_id);
  g_assert_cmpstr (evidence->title, ==, "az-mi-show.json");
  g_assert_cmpint (evidence->kind, ==, LB_EVIDENCE_FILE);
  g_assert_cmpstr (evidence->media_type, ==, "application/json");
  g_assert_true (g_bytes_equal (evidence->content, content));
  g_assert_cmpstr (evidence->sha256, ==, sha);
  g_assert_cmpint (evidence->size_bytes, ==, (gint64) strlen (json));
  g_assert_cmpstr (evidence->source, ==, path);
  g_assert_cmpint (lb_time_now_ms () - evidence->captured_at, <, 60000);
  lb_record_free (evidence);

  /* Listed, last (the newest capture). */
  row = row_for (f, id);
  g_assert_nonnull (row);
  g_assert_cmpint (lb_record_list_page_get_record_id (LB_RECORD_LIST_PAGE (f->page),
                                                      lb_record_list_page_get_n_records (LB_RECORD_LIST_PAGE (f->page)) - 1),
                   ==, id);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "File · 57 bytes · application/json"));

  /* What the chooser does: the same, with a toast. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    guint n = f->toasts->len;

    lb_evidence_page_attach_file (f->page, file);
    while (f->toasts->len == n)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (g_ptr_array_index (f->toasts, n), ==, "“az-mi-show.json” added");
    g_assert_cmpint (count_evidence (f), ==, before + 2);
  }
}

static void
test_attach_refused (Fixture      *f,
                     gconstpointer data)
{
  g_autofree char *big = g_build_filename (f->dir, "backup.bak", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-file.txt", NULL);
  g_autoptr(GError) error = NULL;
  gint64 before = count_evidence (f);
  AdwMessageDialog *dialog;
  int fd;

  /* A sparse 51 MiB file: refused before it is read, with the limit in the message. */
  fd = g_open (big, O_CREAT | O_WRONLY | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 51 * 1024 * 1024), ==, 0);
  close (fd);

  g_assert_cmpint (attach (f, big, &error), ==, 0);
  g_assert_error (error, LB_ERROR, LB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "“backup.bak”"));
  g_assert_nonnull (strstr (error->message, "limited to 50 MiB"));
  g_assert_cmpint (count_evidence (f), ==, before);
  g_clear_error (&error);

  /* A file that is not there. */
  g_assert_cmpint (attach (f, missing, &error), ==, 0);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Through the chooser's path: an error dialog that says why. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (big);

    lb_evidence_page_attach_file (f->page, file);
    ui_test_wait_until (message_dialog_shown, NULL, 10000, "the error dialog");
    dialog = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Attach the File");
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "50 MiB"));
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_assert_cmpint (count_evidence (f), ==, before);
}

/* ---- paste ---------------------------------------------------------------------------------- */

static void
test_paste_text (Fixture      *f,
                 gconstpointer data)
{
  static const char text[] = "database_name  role  synchronization_health\nERP            PRIMARY  HEALTHY\n";
  AdwMessageDialog *dialog;
  GtkWidget *extra;
  GtkWidget *title;
  GtkTextView *view;
  g_autoptr(GPtrArray) records = NULL;
  LbEvidence *evidence;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "evidence.paste", NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Paste Text");
  extra = adw_message_dialog_get_extra_child (dialog);
  title = find_descendant (extra, ADW_TYPE_ENTRY_ROW);
  view = GTK_TEXT_VIEW (find_descendant (extra, GTK_TYPE_TEXT_VIEW));
  g_assert_nonnull (title);
  g_assert_nonnull (view);

  /* Add waits for a title and some text. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_editable_set_text (GTK_EDITABLE (title), "AG health before the drill");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  g_free (ui_test_screenshot (GTK_WIDGET (dialog), "evidence-paste.png"));

  adw_message_dialog_response (dialog, "add");
  gtk_window_close (GTK_WINDOW (dialog));
  ui_test_wait_until (no_message_dialog, NULL, 15000, "the dialog to close");

  records = lb_store_list (f->store, &lb_evidence_kind, "project_id", f->erp_id, NULL);
  /* Lists leave the content out; the record itself has it. */
  g_assert_null (((LbEvidence *) g_ptr_array_index (records, records->len - 1))->content);
  evidence = lb_store_get (f->store, &lb_evidence_kind,
                           ((LbEvidence *) g_ptr_array_index (records, records->len - 1))->id, NULL);
  g_ptr_array_add (records, evidence); /* freed with the list */
  g_assert_cmpstr (evidence->title, ==, "AG health before the drill");
  g_assert_cmpint (evidence->kind, ==, LB_EVIDENCE_TEXT);
  g_assert_cmpstr (evidence->media_type, ==, "text/plain");
  g_assert_cmpmem (g_bytes_get_data (evidence->content, NULL), g_bytes_get_size (evidence->content),
                   text, strlen (text));
  g_assert_cmpstr (g_ptr_array_index (f->toasts, f->toasts->len - 1), ==, "“AG health before the drill” added");
}

/* ---- verify and export ---------------------------------------------------------------------- */

static void
tamper (Fixture *f,
        gint64   id)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  /* Another program rewrites the blob and leaves the hash alone. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE evidence SET content = ?1 WHERE id = ?2", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_blob (stmt, 1, "forged", 6, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_verify (Fixture      *f,
             gconstpointer data)
{
  g_autoptr(GBytes) content = binary_content ();
  g_autofree char *path = write_file (f, "lsn-dump.bin", content);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 id = attach (f, path, &error);
  gint64 other = lb_record_list_page_get_record_id (LB_RECORD_LIST_PAGE (f->page), 0);

  g_assert_no_error (error);
  g_assert_cmpint (lb_evidence_page_get_check (f->page, id), ==, LB_EVIDENCE_CHECK_UNKNOWN);
  g_assert_null (label_with_class (row_for (f, id), "record-badge"));

  /* Intact. */
  g_assert_cmpint (verify (f, id), ==, LB_EVIDENCE_CHECK_INTACT);
  g_assert_cmpint (lb_evidence_page_get_check (f->page, id), ==, LB_EVIDENCE_CHECK_INTACT);
  g_assert_cmpstr (label_with_class (row_for (f, id), "record-badge"), ==, "Intact");

  /* The action tells the user. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "evidence.verify", "x", id));
  while (f->toasts->len == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (g_ptr_array_index (f->toasts, 0), ==, "“lsn-dump.bin” is intact");

  /* Tampered with outside Linkbench: changed since it was captured. */
  tamper (f, id);
  g_assert_cmpint (verify (f, id), ==, LB_EVIDENCE_CHECK_CHANGED);
  g_assert_cmpstr (label_with_class (row_for (f, id), "record-badge"), ==, "Changed");
  g_assert_cmpint (verify (f, other), ==, LB_EVIDENCE_CHECK_INTACT);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "evidence.verify", "x", id));
  ui_test_wait_until (message_dialog_shown, NULL, 10000, "the warning");
  dialog = ADW_MESSAGE_DIALOG (ui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Changed Since It Was Captured");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "“lsn-dump.bin”"));
  g_free (ui_test_screenshot (GTK_WIDGET (f->window), "evidence-verified.png"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_export (Fixture      *f,
             gconstpointer data)
{
  g_autoptr(GBytes) content = binary_content ();
  g_autofree char *path = write_file (f, "lsn-dump.bin", content);
  g_autofree char *out_path = g_build_filename (f->dir, "exported.bin", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gsize length = 0;
  gint64 id = attach (f, path, &error);

  g_assert_no_error (error);

  /* An existing file is replaced. */
  g_file_set_contents (out_path, "old", -1, &error);
  g_assert_no_error (error);
  lb_evidence_page_export_async (f->page, id, out, NULL, store_result, f);
  g_assert_true (lb_evidence_page_export_finish (f->page, wait_result (f), &error));
  g_assert_no_error (error);
  g_clear_object (&f->result);

  g_file_get_contents (out_path, &written, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (written, length, g_bytes_get_data (content, NULL), g_bytes_get_size (content));

  /* Into a folder that does not exist: an error, no crash. */
  {
    g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-folder/x.bin");

    lb_evidence_page_export_async (f->page, id, nowhere, NULL, store_result, f);
    g_assert_false (lb_evidence_page_export_finish (f->page, wait_result (f), &error));
    g_assert_nonnull (error);
    g_clear_object (&f->result);
  }
}

static void
test_suggested_names (void)
{
  LbEvidence *evidence = lb_record_new (&lb_evidence_kind);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  ui_test_set_fields (evidence, "title", "az sql mi show", "media_type", "application/json", NULL);
  a = lb_evidence_suggest_file_name (evidence);
  g_assert_cmpstr (a, ==, "az sql mi show.json");
  ui_test_set_fields (evidence, "title", "Before/after LSNs", "media_type", "text/plain", NULL);
  b = lb_evidence_suggest_file_name (evidence);
  g_assert_cmpstr (b, ==, "Before-after LSNs.txt");
  ui_test_set_fields (evidence, "title", "report.pdf", "media_type", "text/plain", NULL);
  c = lb_evidence_suggest_file_name (evidence);
  g_assert_cmpstr (c, ==, "report.pdf");
  lb_record_free (evidence);
}

int
main (int   argc,
      char *argv[])
{
  if (!ui_test_init (&argc, &argv))
    return 0;

  g_test_add ("/ui/evidence/attach-file", Fixture, NULL, fixture_setup, test_attach_file, fixture_teardown);
  g_test_add ("/ui/evidence/attach-refused", Fixture, NULL, fixture_setup, test_attach_refused, fixture_teardown);
  g_test_add ("/ui/evidence/paste-text", Fixture, NULL, fixture_setup, test_paste_text, fixture_teardown);
  g_test_add ("/ui/evidence/verify", Fixture, NULL, fixture_setup, test_verify, fixture_teardown);
  g_test_add ("/ui/evidence/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);
  g_test_add_func ("/ui/evidence/suggested-names", test_suggested_names);

  return g_test_run ();
}
