/* lb-evidence-viewer.c
 *
 * The list of evidence is read on the main thread (lists leave the content out); the
 * content — up to LB_EVIDENCE_MAX_BYTES — is read and laid out on a worker with a store
 * connection of its own, and a newer choice makes an older read stale.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lb-evidence-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "lb-evidence-viewer.h"

/* Longer text is cut: the Evidence page exports the whole of it. */
#define MAX_SHOWN_BYTES (2 * 1024 * 1024)
#define MAX_CELL_CHARS  60

struct _LbEvidenceViewer
{
  AdwWindow       parent_instance;

  AdwWindowTitle *title;
  AdwComboRow    *choice;
  GtkTextView    *view;
  GtkStack       *stack;
  AdwStatusPage  *error_page;

  LbStore        *store;
  GPtrArray      *evidence;   /* LbEvidence* without content, newest first */
  GCancellable   *cancellable;
  guint           generation;
  char           *text;
};

G_DEFINE_FINAL_TYPE (LbEvidenceViewer, lb_evidence_viewer, ADW_TYPE_WINDOW)

/* ---- layout ----------------------------------------------------------------------------- */

static char *
cell_text (JsonNode *node)
{
  const char *text;
  glong length;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("NULL");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    {
      GValue value = G_VALUE_INIT;
      char *s;

      json_node_get_value (node, &value);
      s = g_strdup_value_contents (&value);
      g_value_unset (&value);
      return s;
    }
  text = json_node_get_string (node);
  length = g_utf8_strlen (text, -1);
  if (length <= MAX_CELL_CHARS)
    return g_strdup (text);
  {
    g_autofree char *start = g_utf8_substring (text, 0, MAX_CELL_CHARS - 1);

    return g_strconcat (start, "…", NULL);
  }
}

static void
append_padded (GString    *out,
               const char *text,
               guint       width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (glong i = length; i < (glong) width; i++)
    g_string_append_c (out, ' ');
}

/* One result set as an aligned text table, the way a query tool prints it. */
static void
append_table (GString   *out,
              JsonArray *columns,
              JsonArray *rows)
{
  guint n_columns = json_array_get_length (columns);
  guint n_rows = rows != NULL ? json_array_get_length (rows) : 0;
  g_autofree guint *widths = g_new0 (guint, MAX (n_columns, 1));
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  for (guint c = 0; c < n_columns; c++)
    widths[c] = (guint) g_utf8_strlen (json_array_get_string_element (columns, c), -1);
  for (guint r = 0; r < n_rows; r++)
    {
      JsonArray *row = json_array_get_array_element (rows, r);

      for (guint c = 0; c < n_columns; c++)
        {
          char *text = cell_text (row != NULL && c < json_array_get_length (row) ? json_array_get_element (row, c)
                                                                                : NULL);

          widths[c] = MAX (widths[c], (guint) g_utf8_strlen (text, -1));
          g_ptr_array_add (cells, text);
        }
    }
  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append (out, " | ");
      append_padded (out, json_array_get_string_element (columns, c), c + 1 < n_columns ? widths[c] : 0);
    }
  g_string_append_c (out, '\n');
  for (guint c = 0; c < n_columns; c++)
    {
      if (c > 0)
        g_string_append (out, "-+-");
      for (guint i = 0; i < widths[c]; i++)
        g_string_append_c (out, '-');
    }
  g_string_append_c (out, '\n');
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          if (c > 0)
            g_string_append (out, " | ");
          append_padded (out, cells->pdata[r * n_columns + c], c + 1 < n_columns ? widths[c] : 0);
        }
      g_string_append_c (out, '\n');
    }
}

/* A probe's {"query", "parameters", "result" | "error"}; FALSE when @json is not one. */
static gboolean
render_query_result (GString    *out,
                     const char *json,
                     gsize       length)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonArray *parameters;

  if (!json_parser_load_from_data (parser, json, (gssize) length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (object, "query"))
    return FALSE;

  {
    g_autofree char *query = g_strdup (json_object_get_string_member_with_default (object, "query", ""));

    g_string_append_printf (out, "-- %s\n%s\n", _("Query"), g_strstrip (query));
  }
  parameters = json_object_get_array_member (object, "parameters");
  if (parameters != NULL && json_array_get_length (parameters) > 0)
    {
      g_string_append_printf (out, "\n-- %s:", _("Parameters"));
      for (guint i = 0; i < json_array_get_length (parameters); i++)
        {
          g_autofree char *text = cell_text (json_array_get_element (parameters, i));

          g_string_append_printf (out, " %s", text);
        }
      g_string_append_c (out, '\n');
    }
  if (json_object_has_member (object, "error"))
    g_string_append_printf (out, "\n-- %s\n%s\n", _("The server answered with an error"),
                            json_object_get_string_member_with_default (object, "error", ""));
  else if (json_object_has_member (object, "result") && JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "result")))
    {
      JsonObject *result = json_object_get_object_member (object, "result");
      JsonArray *sets = json_object_get_array_member (result, "sets");
      JsonArray *messages = json_object_get_array_member (result, "messages");

      for (guint s = 0; sets != NULL && s < json_array_get_length (sets); s++)
        {
          JsonObject *set = json_array_get_object_element (sets, s);
          JsonArray *columns = set != NULL ? json_object_get_array_member (set, "columns") : NULL;
          JsonArray *rows = set != NULL ? json_object_get_array_member (set, "rows") : NULL;
          guint n_rows = rows != NULL ? json_array_get_length (rows) : 0;

          if (columns == NULL)
            continue;
          /* TRANSLATORS: "-- Result set 1: 3 rows" */
          g_string_append_printf (out, "\n-- ");
          g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "Result set %u: %u row", "Result set %u: %u rows",
                                                    n_rows),
                                  s + 1, n_rows);
          g_string_append_c (out, '\n');
          append_table (out, columns, rows);
        }
      if (messages != NULL && json_array_get_length (messages) > 0)
        {
          g_string_append_printf (out, "\n-- %s\n", _("Messages"));
          for (guint i = 0; i < json_array_get_length (messages); i++)
            g_string_append_printf (out, "%s\n", json_array_get_string_element (messages, i));
        }
    }
  return TRUE;
}

char *
lb_evidence_viewer_render (const LbEvidence *evidence)
{
  GString *out = g_string_new (NULL);
  gsize length = 0;
  const char *data;

  g_return_val_if_fail (evidence != NULL, NULL);

  data = evidence->content != NULL ? g_bytes_get_data (evidence->content, &length) : NULL;
  if (data == NULL || length == 0)
    {
      g_string_append (out, _("This evidence has no content."));
      return g_string_free (out, FALSE);
    }
  if (evidence->kind == LB_EVIDENCE_QUERY_RESULT && render_query_result (out, data, length))
    return g_string_free (out, FALSE);
  {
    gsize shown = MIN (length, MAX_SHOWN_BYTES);
    const char *end = NULL;

    /* Text, possibly cut inside its last character. */
    if (g_utf8_validate_len (data, shown, &end) || (shown < length && (gsize) (end - data) + 4 > shown))
      {
        g_string_append_len (out, data, end - data);
        if (shown < length)
          {
            g_autofree char *size = g_format_size (length);

            g_string_append_printf (out, _("\n\n… cut here: the whole text (%s) is exported from the Evidence page."),
                                    size);
          }
        return g_string_free (out, FALSE);
      }
  }
  {
    g_autofree char *size = g_format_size (length);

    g_string_append_printf (out, _("Binary content (%s, %s): export it from the Evidence page to open it."), size,
                            evidence->media_type != NULL ? evidence->media_type : "application/octet-stream");
  }
  return g_string_free (out, FALSE);
}

/* ---- loading ---------------------------------------------------------------------------- */

typedef struct
{
  char   *path;
  gint64  id;
  guint   generation;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->path);
  g_free (job);
}

/* An LbStore is used by one thread at a time: the worker opens its own. */
static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  LoadJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LbStore) store = lb_store_open (job->path, &error);
  LbEvidence *evidence = store != NULL ? lb_store_get (store, &lb_evidence_kind, job->id, &error) : NULL;

  if (evidence == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, lb_evidence_viewer_render (evidence), g_free);
  lb_record_free (evidence);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LbEvidenceViewer *self = LB_EVIDENCE_VIEWER (source);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_task_propagate_pointer (G_TASK (result), &error);

  if (job->generation != self->generation || self->view == NULL)
    return;
  if (text == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  g_free (self->text);
  self->text = g_steal_pointer (&text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->view), self->text, -1);
  gtk_stack_set_visible_child_name (self->stack, "text");
}

void
lb_evidence_viewer_select (LbEvidenceViewer *self,
                           guint             position)
{
  const LbEvidence *evidence;
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (LB_IS_EVIDENCE_VIEWER (self));

  if (position >= self->evidence->len)
    return;
  if (adw_combo_row_get_selected (self->choice) != position)
    {
      /* The combo row's notify comes back here. */
      adw_combo_row_set_selected (self->choice, position);
      return;
    }
  evidence = self->evidence->pdata[position];
  g_clear_pointer (&self->text, g_free);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  {
    g_autofree char *size = evidence->size_bytes != LB_UNSET_INT ? g_format_size ((guint64) evidence->size_bytes)
                                                                 : NULL;
    g_autofree char *subtitle = g_strdup_printf ("%s · %s%s%s", evidence->title,
                                                 evidence->source != NULL ? evidence->source : _("source not recorded"),
                                                 size != NULL ? " · " : "", size != NULL ? size : "");

    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->choice), subtitle);
    if (evidence->sha256 != NULL)
      {
        /* TRANSLATORS: tooltip, "SHA-256 3f2a…" */
        g_autofree char *hash = g_strdup_printf (_("SHA-256 %s"), evidence->sha256);

        gtk_widget_set_tooltip_text (GTK_WIDGET (self->choice), hash);
      }
  }
  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (lb_store_get_path (self->store));
  job->id = evidence->id;
  job->generation = ++self->generation;
  task = g_task_new (self, self->cancellable, on_loaded, NULL);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_thread);
}

static void
on_choice_selected (LbEvidenceViewer *self,
                    GParamSpec       *pspec,
                    AdwComboRow      *row)
{
  lb_evidence_viewer_select (self, adw_combo_row_get_selected (row));
}

/* ---- public API and GObject ------------------------------------------------------------- */

LbEvidenceViewer *
lb_evidence_viewer_new (GtkWindow *parent,
                        LbStore   *store,
                        gint64     readiness_id)
{
  LbEvidenceViewer *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  LbReadinessItem *item;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LB_IS_STORE (store), NULL);

  self = g_object_new (LB_TYPE_EVIDENCE_VIEWER, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  item = lb_store_get (store, &lb_readiness_item_kind, readiness_id, NULL);
  adw_window_title_set_subtitle (self->title, item != NULL ? item->title : "");
  g_clear_pointer (&item, lb_record_free);

  listed = lb_store_list (store, &lb_evidence_kind, "readiness_id", readiness_id, &error);
  if (listed == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return self;
    }
  /* Listed oldest first; the newest is what the last check found. Chosen by when it was
   * captured, the row's subtitle says what it is. */
  for (guint i = listed->len; i > 0; i--)
    {
      LbEvidence *evidence = listed->pdata[i - 1];
      g_autofree char *when = lb_time_format_local_seconds (evidence->captured_at);

      g_ptr_array_add (self->evidence, lb_record_copy (evidence));
      gtk_string_list_append (labels, when);
    }
  adw_combo_row_set_model (self->choice, G_LIST_MODEL (labels));
  if (self->evidence->len == 0)
    {
      adw_status_page_set_description (self->error_page, _("No evidence is linked to this item."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->choice), FALSE);
      return self;
    }
  g_signal_connect_object (self->choice, "notify::selected", G_CALLBACK (on_choice_selected), self,
                           G_CONNECT_SWAPPED);
  lb_evidence_viewer_select (self, 0);
  return self;
}

guint
lb_evidence_viewer_get_n_evidence (LbEvidenceViewer *self)
{
  g_return_val_if_fail (LB_IS_EVIDENCE_VIEWER (self), 0);
  return self->evidence->len;
}

const char *
lb_evidence_viewer_get_text (LbEvidenceViewer *self)
{
  g_return_val_if_fail (LB_IS_EVIDENCE_VIEWER (self), NULL);
  return self->text;
}

static void
lb_evidence_viewer_dispose (GObject *object)
{
  LbEvidenceViewer *self = LB_EVIDENCE_VIEWER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  self->view = NULL;
  G_OBJECT_CLASS (lb_evidence_viewer_parent_class)->dispose (object);
}

static void
lb_evidence_viewer_finalize (GObject *object)
{
  LbEvidenceViewer *self = LB_EVIDENCE_VIEWER (object);

  g_clear_pointer (&self->evidence, g_ptr_array_unref);
  g_clear_pointer (&self->text, g_free);
  G_OBJECT_CLASS (lb_evidence_viewer_parent_class)->finalize (object);
}

static void
lb_evidence_viewer_class_init (LbEvidenceViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lb_evidence_viewer_dispose;
  object_class->finalize = lb_evidence_viewer_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lb_evidence_viewer_init (LbEvidenceViewer *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();

  self->evidence = g_ptr_array_new_with_free_func (lb_record_free);
  self->cancellable = g_cancellable_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Evidence"));
  gtk_window_set_default_size (GTK_WINDOW (self), 820, 620);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_("Evidence"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_vexpand (content, TRUE);

  self->choice = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->choice), _("Captured"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->choice));
  gtk_box_append (GTK_BOX (content), list);

  self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_editable (self->view, FALSE);
  gtk_text_view_set_monospace (self->view, TRUE);
  gtk_text_view_set_wrap_mode (self->view, GTK_WRAP_NONE);
  gtk_text_view_set_left_margin (self->view, 12);
  gtk_text_view_set_right_margin (self->view, 12);
  gtk_text_view_set_top_margin (self->view, 12);
  gtk_text_view_set_bottom_margin (self->view, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "evidence-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Evidence content"),
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack, scrolled, "text");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "mail-attachment-symbolic");
  adw_status_page_set_title (self->error_page, _("No Evidence to Show"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->stack));

  gtk_box_append (GTK_BOX (box), content);
  adw_window_set_content (ADW_WINDOW (self), box);
}
